// Drives the exhibit viewer in headless Debian Chromium the way a keyboard, touch or mouse
// user would, and reads a journey with JavaScript disabled. Prints what it saw as JSON; the
// Rust test (tests/exhibit.rs) judges it.
// Usage: node viewer.js BASE_URL JOURNEY_PATH   (NODE_PATH must reach playwright-core, axe-core)
const { chromium } = require('playwright-core');
const fs = require('fs');

(async () => {
  const [base, journey] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const out = { requests: [], errors: [] };
  const context = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true, bypassCSP: true /* axe is injected inline; csp.js checks the pages under their policy */ });
  const page = await context.newPage();
  page.on('request', r => out.requests.push(r.url()));
  page.on('pageerror', e => out.errors.push(String(e)));
  await page.goto(base + journey, { waitUntil: 'load' });

  // What the viewer shows now: open or not, the announced position, the photo, the focus.
  const state = () => page.evaluate(() => {
    const d = document.querySelector('dialog.viewer');
    const a = document.activeElement;
    return {
      open: !!(d && d.open),
      position: d ? d.querySelector('[role=status]').textContent : null,
      live: d ? d.querySelector('[role=status]').getAttribute('role') : null,
      alt: d && d.querySelector('.viewer-stage img') ? d.querySelector('.viewer-stage img').alt : null,
      caption: d ? d.querySelector('.viewer-caption .caption')?.textContent ?? null : null,
      focusInDialog: !!(d && d.contains(a)),
      focus: a ? (a.getAttribute('href') || a.className || a.tagName) : null,
      nextDisabled: d ? d.querySelector('.viewer-next').disabled : null,
      previousDisabled: d ? d.querySelector('.viewer-previous').disabled : null,
    };
  });
  const steps = [];
  const step = async (name, act) => { await act(); steps.push({ name, ...(await state()) }); };

  // Keyboard only: Tab to the first photo link, Enter opens it.
  await step('tab to first photo', async () => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const cls = await page.evaluate(() => document.activeElement.className);
      if (cls === 'photo-open') break;
    }
  });
  await step('enter', () => page.keyboard.press('Enter'));
  await step('arrow right', () => page.keyboard.press('ArrowRight'));
  await step('arrow left', () => page.keyboard.press('ArrowLeft'));
  await step('end', () => page.keyboard.press('End'));
  await step('arrow right at the end', () => page.keyboard.press('ArrowRight'));
  await step('home', () => page.keyboard.press('Home'));
  // Focus stays in the dialog however far one tabs, forwards and backwards.
  const trapped = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press(i < 3 ? 'Tab' : 'Shift+Tab');
    trapped.push((await state()).focusInDialog);
  }
  out.trapped = trapped;
  // The dialog is checked by axe-core while open, if it is installed.
  try {
    const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.addScriptTag({ content: axeSource });
    const r = await page.evaluate(() => axe.run('dialog.viewer', {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
    }));
    out.axe = r.violations.map(v => ({ id: v.id, impact: v.impact }));
  } catch (e) {
    out.axe = [{ id: 'axe could not run: ' + e, impact: 'critical' }];
  }
  await step('escape', () => page.keyboard.press('Escape'));

  // Buttons, with the mouse, from the second photo.
  await step('click second photo', () => page.click('li.photo:nth-child(2) a.photo-open'));
  await step('click next', () => page.click('dialog.viewer .viewer-next'));
  await step('click previous', () => page.click('dialog.viewer .viewer-previous'));
  // A finger swiping to the left shows the next photo, to the right the previous one: real
  // touch events, as a phone's screen sends them.
  const cdp = await context.newCDPSession(page);
  const swipe = async (dx) => {
    const box = await page.locator('dialog.viewer .viewer-stage').boundingBox();
    const y = box.y + box.height / 2, x = box.x + box.width / 2;
    const touch = (type, px, py) => cdp.send('Input.dispatchTouchEvent', {
      type, touchPoints: type === 'touchEnd' ? [] : [{ x: px, y: py }],
    });
    await touch('touchStart', x, y);
    for (let i = 1; i <= 5; i++) await touch('touchMove', x + dx * i / 5, y + i);
    await touch('touchEnd');
  };
  await step('swipe left', () => swipe(-150));
  await step('swipe right', () => swipe(150));
  await step('close button', () => page.click('dialog.viewer .viewer-close'));
  out.steps = steps;
  out.externalRequests = out.requests.filter(u => !u.startsWith(base) && !u.startsWith('data:'));
  await context.close();

  // Without JavaScript: every photo is on the page, and its link leads to its own page.
  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const p2 = await plain.newPage();
  await p2.goto(base + journey, { waitUntil: 'load' });
  out.noScript = {
    photos: await p2.$$eval('li.photo', ls => ls.map(l => ({
      alt: l.querySelector('img').alt,
      caption: l.querySelector('.caption').textContent,
      visible: l.querySelector('img').getBoundingClientRect().width > 0,
    }))),
    dialog: await p2.$$eval('dialog', d => d.length),
  };
  await p2.click('li.photo:nth-child(1) a.photo-open');
  await p2.waitForLoadState('load');
  out.noScript.firstPage = { url: p2.url(), h1: await p2.textContent('h1') };
  await p2.click('a[rel=next]');
  await p2.waitForLoadState('load');
  out.noScript.nextPage = {
    url: p2.url(),
    h1: await p2.textContent('h1'),
    imageLoaded: await p2.$eval('figure img', i => i.complete && i.naturalWidth > 0),
  };
  await plain.close();
  await browser.close();
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
