// Opens a page with a video hosted elsewhere (a poster linked to YouTube) in headless Debian
// Chromium, records every request that leaves the local server (and blocks it), presses play
// with the keyboard and reports what was requested before and after, and the player added.
// Then opens the page with JavaScript off to see the plain link. Prints JSON for
// tests/suite/media.rs.
// Usage: node facade.js BASE_URL PATH
const { chromium } = require('playwright-core');

(async () => {
  const [base, path] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const external = [];
  const open = async javaScriptEnabled => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, javaScriptEnabled });
    await context.route('**/*', route => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      external.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(base + path, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    return page;
  };
  const page = await open(true);
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  const before = [...external];
  const frames = () => page.$$eval('iframe', l => l.map(f => [f.src, f.title, f.referrerPolicy]));
  const framesBefore = await frames();
  await page.focus('figure.facade a.facade-link');
  await page.keyboard.press('Enter');
  await page.waitForSelector('iframe.facade-player', { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(300);
  const after = external.slice(before.length);
  const framesAfter = await frames();
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.tagName);
  const noJs = await open(false);
  const noJsLinks = await noJs.$$eval('figure.facade a', l => l.map(a => a.href));
  const noJsFrames = await noJs.$$eval('iframe', l => l.length);
  console.log(JSON.stringify({ before, framesBefore, after, framesAfter, focused, noJsLinks, noJsFrames, errors }));
  await browser.close();
})();
