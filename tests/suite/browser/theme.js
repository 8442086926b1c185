// What a visitor of the default theme meets, measured in headless Debian Chromium, printed as
// JSON for tests/suite/theme.rs to judge:
// - home: whether a photo has loaded and shows above the fold at 375 × 812;
// - header: its height at 320 × 640 with the menu closed, and sideways scrolling at 320 px;
// - keyboard: with JavaScript off, what Tab and Enter reach in the header's folded menus;
// - cards: how many card photos of a list loaded once scrolled to;
// - axe: serious and critical findings with the menus closed and open, at 320 and 1280 px,
//   and in dark mode;
// - cls: the layout shift of each page while it loads (fonts cached) and is scrolled, without
//   the shifts of web fonts swapping in (listed apart);
// - print: whether the printed page hides the menu and prints links' addresses;
// - share: the system share sheet's button, with and without navigator.share.
// Usage: node theme.js BASE_URL JSON   (NODE_PATH must reach playwright-core and axe-core)
//   JSON: {"home": "/ka/", "pages": ["/ka/", …], "lists": ["/ka/stories/"], "story": "/ka/stories/x/"}
const { chromium } = require('playwright-core');
const fs = require('fs');

const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function scrollThrough(page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle');
}

async function home(browser, base, path) {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await page.goto(base + path, { waitUntil: 'networkidle' });
  const r = await page.evaluate(() => [...document.images].map((img) => {
    const b = img.getBoundingClientRect();
    const visible = Math.max(0, Math.min(b.bottom, innerHeight) - Math.max(b.top, 0));
    return { src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0, visibleHeight: visible, width: b.width };
  }).filter((i) => i.loaded && i.visibleHeight >= 100 && i.width >= 300));
  await page.close();
  return r;
}

async function header(browser, base, paths) {
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  const out = [];
  for (const path of paths) {
    await page.goto(base + path, { waitUntil: 'load' });
    out.push(await page.evaluate((path) => ({
      path,
      height: document.querySelector('.site-header').getBoundingClientRect().height,
      scrollWidth: document.documentElement.scrollWidth,
      folded: [...document.querySelectorAll('.site-header details')].every((d) => !d.open),
      // How far the brand is from the start of the line: left in LTR, right in RTL.
      brandInset: (() => {
        const b = document.querySelector('.brand').getBoundingClientRect();
        return document.documentElement.dir === 'rtl' ? innerWidth - b.right : b.left;
      })(),
    }), path));
  }
  await page.close();
  return out;
}

// Tabs through the header with JavaScript off, opening each folded menu with Enter.
async function keyboard(browser, base, paths) {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
  const page = await context.newPage();
  const out = [];
  for (const path of paths) {
    await page.goto(base + path, { waitUntil: 'load' });
    const links = await page.$$eval('.site-header nav a', (as) => as.map((a) => a.getAttribute('href')));
    const reached = new Set();
    const opened = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        return {
          tag: el.tagName, href: el.getAttribute('href'),
          fold: el.tagName === 'SUMMARY' ? el.parentElement.className : null,
          inHeader: !!el.closest('.site-header'),
          shown: el.getClientRects().length > 0,
        };
      });
      if (!f.inHeader && i > 2) break;
      if (f.fold) {
        await page.keyboard.press('Enter');
        opened.push({ fold: f.fold, open: await page.evaluate(() => document.activeElement.parentElement.open) });
      } else if (f.href && f.shown) {
        reached.add(f.href);
      }
    }
    out.push({ path, links, reached: [...reached], opened });
  }
  await context.close();
  return out;
}

async function cards(browser, base, paths) {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const out = [];
  for (const path of paths) {
    await page.goto(base + path, { waitUntil: 'networkidle' });
    await scrollThrough(page);
    out.push(await page.evaluate((path) => {
      const imgs = [...document.querySelectorAll('.card .card-photo img')];
      return {
        path,
        cards: document.querySelectorAll('.card').length,
        photos: imgs.length,
        loaded: imgs.filter((i) => i.complete && i.naturalWidth > 0 && i.currentSrc).length,
        plain: document.querySelectorAll('.card-plain').length,
      };
    }, path));
  }
  await page.close();
  return out;
}

// Light colours with the menus closed and open; dark colours (prefers-color-scheme) closed.
async function axe(browser, base, paths) {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const out = [];
  for (const [width, scheme] of [[320, 'light'], [1280, 'light'], [320, 'dark'], [1280, 'dark']]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true, colorScheme: scheme });
    const page = await context.newPage();
    for (const path of paths) {
      for (const menu of scheme === 'light' ? ['closed', 'open'] : ['closed']) {
        await page.goto(base + path, { waitUntil: 'load' });
        if (menu === 'open') {
          await page.evaluate(() => document.querySelectorAll('.site-header details').forEach((d) => { d.open = true; }));
        }
        await page.addScriptTag({ content: source });
        const r = await page.evaluate(() => axe.run({
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        }));
        out.push({
          path, width, menu, scheme,
          violations: r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })),
        });
      }
    }
    await context.close();
  }
  return out;
}

async function cls(browser, base, paths) {
  const out = [];
  for (const [width, height] of [[375, 812], [1280, 800]]) {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.addInitScript(() => {
      window.__shifts = [];
      window.__fontsAt = [];
      document.fonts.addEventListener('loadingdone', () => window.__fontsAt.push(performance.now()));
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          // What moved, for the test's message: tag, class and where it went.
          const what = (e.sources || []).map((s) => {
            const n = s.node;
            return `${n ? n.nodeName + '.' + (n.className || '') : '?'} ` +
              `${Math.round(s.previousRect.x)},${Math.round(s.previousRect.y)} ${Math.round(s.previousRect.width)}w -> ` +
              `${Math.round(s.currentRect.x)},${Math.round(s.currentRect.y)} ${Math.round(s.currentRect.width)}w`;
          });
          window.__shifts.push({ at: e.startTime, value: e.value, what });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    for (const path of paths) {
      // Measured on a second visit: on a busy machine the first visit's web fonts can arrive
      // after the first paint and swap in (font-display: swap, so Georgian never shows as
      // boxes), which says more about the machine's load than about the theme's layout.
      await page.goto(base + path, { waitUntil: 'networkidle' });
      await page.goto(base + path, { waitUntil: 'networkidle' });
      await scrollThrough(page);
      await page.waitForTimeout(300);
      // A shift in the frames right after web fonts finished loading is the font swapping in
      // (font-display: swap): on a loaded machine that happens even on the second visit, and
      // it is the fonts' timing, not the theme's layout. Those are listed, not counted.
      const shifts = await page.evaluate(() => window.__shifts.map((s) => ({
        ...s, swap: window.__fontsAt.some((t) => s.at >= t - 20 && s.at <= t + 250),
      })));
      const counted = shifts.filter((s) => !s.swap);
      out.push({ path, width, cls: counted.reduce((a, s) => a + s.value, 0),
                 shifted: counted, swaps: shifts.filter((s) => s.swap) });
    }
    await context.close();
  }
  return out;
}

async function print(browser, base, path) {
  const page = await browser.newPage();
  await page.goto(base + path, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const r = await page.evaluate(() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
    const link = document.querySelector('.prose a[href^="/"], .prose a[href^="http"]');
    return {
      menuShown: shown('.site-header nav'),
      shareShown: shown('.share'),
      linkAfter: link ? getComputedStyle(link, '::after').content : null,
      href: link ? link.getAttribute('href') : null,
    };
  });
  await page.close();
  return r;
}

// The system share sheet's button: hidden where the browser has none, shown and handing over
// the story's address where it has one (navigator.share stubbed to record the call).
async function share(browser, base, path) {
  const out = {};
  const page = await browser.newPage();
  await page.goto(base + path, { waitUntil: 'load' });
  out.native = await page.evaluate(() => typeof navigator.share === 'function');
  out.hidden = await page.evaluate(() => document.querySelector('.share-native').hidden);
  await page.close();
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'share', { value: (d) => { window.__shared = d; return Promise.resolve(); } });
  });
  const withShare = await context.newPage();
  await withShare.goto(base + path, { waitUntil: 'load' });
  await withShare.click('.share-native button');
  out.shared = await withShare.evaluate(() => window.__shared || null);
  out.canonical = await withShare.evaluate(() => document.querySelector('link[rel=canonical]').href);
  await context.close();
  return out;
}

(async () => {
  const [base, json] = process.argv.slice(2);
  const spec = JSON.parse(json);
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ARGS });
  const result = {};
  if (spec.home) result.home = await home(browser, base, spec.home);
  result.header = await header(browser, base, spec.pages);
  result.keyboard = await keyboard(browser, base, spec.pages.filter((p, i) => i % 4 === 0).slice(0, 3));
  if (spec.lists) result.cards = await cards(browser, base, spec.lists);
  result.axe = await axe(browser, base, spec.pages);
  result.cls = await cls(browser, base, spec.pages);
  if (spec.story) result.print = await print(browser, base, spec.story);
  if (spec.story) result.share = await share(browser, base, spec.story);
  await browser.close();
  process.stdout.write(JSON.stringify(result));
})().catch((e) => { console.error(e); process.exit(1); });
