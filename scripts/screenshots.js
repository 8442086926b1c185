// Screenshots of the default theme: every page in PAGES at every width, full page, as PNGs.
// Usage: node screenshots.js BASE_URL OUT_DIR LANG[,LANG…]   (NODE_PATH must reach playwright-core)
const { chromium } = require('playwright-core');

const PAGES = [
  ['home', ''],
  ['list', 'stories/'],
  ['story', 'stories/photo-exhibit-journeys/'],
  ['journey', 'exhibit/roads-and-crossings/'],
];
const WIDTHS = [[375, 812], [1280, 800]];

(async () => {
  const [base, out, langs] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  for (const scheme of ['light', 'dark']) {
    for (const [width, height] of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
      for (const lang of langs.split(',')) {
        for (const [name, path] of PAGES) {
          await page.goto(`${base}/${lang}/${path}`, { waitUntil: 'networkidle' });
          // Lazy photos below the fold load once scrolled to.
          await page.evaluate(async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
              window.scrollTo(0, y);
              await new Promise((r) => setTimeout(r, 50));
            }
            window.scrollTo(0, 0);
          });
          await page.waitForLoadState('networkidle');
          const file = `${out}/${name}-${lang}-${width}${scheme === 'dark' ? '-dark' : ''}.png`;
          await page.screenshot({ path: file, fullPage: true });
          console.log(file);
        }
      }
      await page.close();
    }
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
