// Opens a page with a film and a recording in headless Debian Chromium, plays both (muted, as
// a test may), and reports what a visitor would get: whether they play, the caption tracks
// with their modes, the caption shown, the layout shift while loading (CLS) and any request
// to another host (there must be none). Prints JSON for tests/suite/media.rs.
// Usage: node media.js BASE_URL PATH
const { chromium } = require('playwright-core');

(async () => {
  const [base, path] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const external = [];
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    external.push(url);
    return route.abort();
  });
  await context.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__cls += e.value;
        // A player that grows as its file loads pushes what follows down; a web font that
        // swaps in only changes the width of lines, which is the theme's business.
        window.__shifts = (window.__shifts || []).concat(e.sources
          .filter(s => s.previousRect.y !== s.currentRect.y || s.previousRect.height !== s.currentRect.height)
          .map(s => `${s.node ? s.node.nodeName : '?'} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base + path, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const cls = await page.evaluate(() => window.__cls);
  const shifts = await page.evaluate(() => window.__shifts || []);
  const play = sel => page.evaluate(async sel => {
    const m = document.querySelector(sel);
    if (!m) return -1;
    m.muted = true;
    try { await m.play(); } catch (e) { return 'play failed: ' + e; }
    const start = Date.now();
    while (m.readyState < 2 && Date.now() - start < 10000) await new Promise(r => setTimeout(r, 50));
    return m.readyState;
  }, sel);
  const box = () => page.$eval('figure.media.video video', v => JSON.stringify(v.getBoundingClientRect()));
  const before = await box();
  const readyState = await play('figure.media.video video');
  const resized = before === await box() ? null : [before, await box()];
  const cue = await page.evaluate(async () => {
    const v = document.querySelector('figure.media.video video');
    const start = Date.now();
    while (Date.now() - start < 5000) {
      const showing = [...v.textTracks].find(t => t.mode === 'showing');
      if (showing && showing.activeCues && showing.activeCues.length) return showing.activeCues[0].text;
      await new Promise(r => setTimeout(r, 50));
    }
    return null;
  });
  const tracks = await page.evaluate(() =>
    [...document.querySelector('figure.media.video video').textTracks].map(t => [t.language, t.label, t.mode]));
  const audioReadyState = await play('figure.media.audio audio');
  console.log(JSON.stringify({ shifts, resized, readyState, audioReadyState, tracks, cue, cls, external, errors }));
  await browser.close();
})();
