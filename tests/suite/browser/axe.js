// Runs axe-core in headless Debian Chromium on pages of a served site and prints, as JSON,
// the violations per page plus whether the page scrolls sideways at 320 px.
// Usage: node axe.js BASE_URL PATH...   (NODE_PATH must reach playwright-core and axe-core)
const { chromium } = require('playwright-core');
const fs = require('fs');

(async () => {
  const [base, ...paths] = process.argv.slice(2);
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const results = [];
  for (const width of [320, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true /* axe is injected inline; csp.js checks the pages under their policy */ });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(base + path, { waitUntil: 'load' });
      await page.addScriptTag({ content: axeSource });
      const r = await page.evaluate(() => axe.run({
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      }));
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      results.push({
        path, width, scrollWidth,
        violations: r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) })),
      });
    }
    await context.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(results));
})().catch(e => { console.error(e); process.exit(1); });
