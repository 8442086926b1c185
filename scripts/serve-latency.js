// Save-to-visible latency of a live-reloading dev server, measured in headless Chromium: the
// time from writing a Markdown file to its new text being on screen in the open page.
// Usage: node serve-latency.js PAGE_URL MARKDOWN_FILE RUNS   (NODE_PATH must reach playwright-core)
// Prints {"ms": [...]} as JSON.
const { chromium } = require('playwright-core');
const fs = require('fs');

(async () => {
  const [url, file, runs] = process.argv.slice(2);
  const original = fs.readFileSync(file, 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500); // let the reload connection settle
  const ms = [];
  try {
    for (let i = 0; i < Number(runs); i++) {
      const marker = `Latency marker ${i} ${Date.now()}`;
      const started = Date.now();
      fs.writeFileSync(file, original.trimEnd() + `\n\n${marker}\n`);
      await page.waitForFunction((m) => document.body && document.body.innerText.includes(m),
        marker, { timeout: 60000, polling: 'raf' });
      ms.push(Date.now() - started);
      await page.waitForTimeout(300); // a writer does not save twice in the same instant
    }
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ ms }));
})().catch(e => { console.error(e); process.exit(1); });
