// Drives `passage serve` from a real headless Chromium while editing the site's files the way
// editors save them; prints what it saw as JSON for tests/serve.rs to judge.
// Usage: node live.js BASE_URL SITE_DIR   (NODE_PATH must reach playwright-core)
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

(async () => {
  const [base, site] = process.argv.slice(2);
  const story = path.join(site, 'content/stories/s/index.en.md');
  const css = path.join(site, 'themes/default/static/style.css');
  const original = fs.readFileSync(story, 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 390, height: 700 } });
  const out = { errors: [], steps: {} };
  page.on('pageerror', e => out.errors.push(String(e)));
  await page.goto(base + '/en/stories/s/', { waitUntil: 'load' });
  // Wait until the page listens for changes.
  await page.waitForFunction(() => window.passageLive === 'open');
  await page.evaluate(() => window.scrollTo(0, 900));
  await page.waitForTimeout(100);

  const visible = (text) => page.waitForFunction(
    (t) => document.body && document.body.innerText.includes(t), text, { timeout: 15000 });
  const timed = async (name, edit, wait) => {
    const started = Date.now();
    edit();
    await wait();
    await page.waitForFunction(() => window.passageLive === 'open');
    out.steps[name] = {
      ms: Date.now() - started,
      scrollY: await page.evaluate(() => window.scrollY),
      marker: await page.evaluate(() => window.__notReloaded === true),
    };
  };

  // 1. A save in place: the new text appears without anyone touching the browser, and the
  // story page (which has share.js) is swapped in place, not reloaded.
  await page.evaluate(() => { window.__notReloaded = true; });
  await timed('edit', () => fs.writeFileSync(story, original.replace('Old words', 'Fresh words')),
    () => visible('Fresh words'));

  // 2. A broken front matter: the overlay names the file and line; the page stays.
  await timed('break', () => fs.writeFileSync(story, original.replace('title = "Story"', 'title = Story"')),
    () => page.waitForSelector('#passage-problems', { state: 'attached', timeout: 15000 }));
  out.overlay = await page.evaluate(() => {
    const host = document.getElementById('passage-problems');
    return host && host.shadowRoot ? host.shadowRoot.textContent : null;
  });
  out.stillShown = await page.evaluate(() => document.body.innerText.includes('Fresh words'));

  // 3. The fix: the overlay goes and the page recovers.
  await timed('fix', () => fs.writeFileSync(story, original.replace('Old words', 'Mended words')),
    () => visible('Mended words'));
  out.overlayAfterFix = await page.evaluate(() => !!document.getElementById('passage-problems'));

  // 4. A stylesheet change is applied in place: no reload, scroll kept.
  await page.evaluate(() => { window.__notReloaded = true; window.scrollTo(0, 700); });
  await timed('css', () => fs.appendFileSync(css, '\nbody { background-color: rgb(1, 2, 3); }\n'),
    () => page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)',
      null, { timeout: 15000 }));

  // 5. An atomic save (write a temporary file, rename it over the old one, as vim and VS Code do).
  await timed('atomic', () => {
    const tmp = story + '.tmp.4242';
    fs.writeFileSync(tmp, original.replace('Old words', 'Renamed words'));
    fs.renameSync(tmp, story);
  }, () => visible('Renamed words'));

  // 6. A burst of saves: the last one wins.
  await timed('burst', () => {
    for (let i = 1; i <= 12; i++) fs.writeFileSync(story, original.replace('Old words', 'Burst words ' + i));
  }, () => visible('Burst words 12'));

  // 7. A new story shows up in the list; a deleted one disappears.
  await page.goto(base + '/en/stories/', { waitUntil: 'load' });
  await page.waitForFunction(() => window.passageLive === 'open');
  const fresh = path.join(site, 'content/stories/fresh/index.en.md');
  await timed('new page', () => {
    fs.mkdirSync(path.dirname(fresh), { recursive: true });
    fs.writeFileSync(fresh, '+++\ntitle = "A brand new story"\ndate = 2024-06-01\n+++\nNew.\n');
  }, () => visible('A brand new story'));
  // A renamed folder: the story moves to its new address.
  const renamed = path.join(site, 'content/stories/renamed');
  await timed('renamed page', () => fs.renameSync(path.dirname(fresh), renamed),
    () => page.waitForFunction(() => Array.prototype.some.call(document.querySelectorAll('a'),
      a => a.getAttribute('href') === '/en/stories/renamed/'), null, { timeout: 15000 }));
  const moved = await page.goto(base + '/en/stories/fresh/');
  out.renamedOldStatus = moved.status();
  await page.goto(base + '/en/stories/', { waitUntil: 'load' });
  await page.waitForFunction(() => window.passageLive === 'open');
  await timed('deleted page', () => fs.rmSync(renamed, { recursive: true }),
    () => page.waitForFunction(() => !document.body.innerText.includes('A brand new story'),
      null, { timeout: 15000 }));
  const gone = await page.goto(base + '/en/stories/renamed/');
  out.deletedStatus = gone.status();

  // A journey page, with the photo viewer's script: swapped in place at the same scroll
  // position, its script run again on the new page (a photo still opens in the viewer); a
  // journey file change is seen like any other.
  const journeyFile = path.join(site, 'photos/walk/journey.toml');
  const journey = fs.readFileSync(journeyFile, 'utf8');
  await page.goto(base + '/en/exhibit/walk/', { waitUntil: 'load' });
  await page.waitForFunction(() => window.passageLive === 'open');
  await page.evaluate(() => { window.__notReloaded = true; window.scrollTo(0, 400); });
  await timed('journey', () => fs.writeFileSync(journeyFile, journey.replace('A first step', 'A changed step')),
    () => visible('A changed step'));
  // The script is fetched again (from the browser's cache) and runs once it arrives.
  await page.waitForFunction(() => document.querySelector('dialog.viewer'), null, { timeout: 5000 })
    .catch(() => {});
  await page.click('a.photo-open');
  out.viewerAfterSwap = await page.evaluate(() => {
    const d = document.querySelector('dialog.viewer');
    return { open: !!(d && d.open), dialogs: document.querySelectorAll('dialog.viewer').length,
             path: location.pathname };
  });
  await page.keyboard.press('Escape');
  // A second save swaps again (the scripts run again are not counted as the page's own).
  await timed('journey again', () => fs.writeFileSync(journeyFile, journey.replace('A first step', 'A third version')),
    () => visible('A third version'));
  fs.writeFileSync(journeyFile, journey);
  await browser.close();
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
