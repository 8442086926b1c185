// Types queries into the search pages in headless Debian Chromium, as a reader would, and
// prints what each showed as JSON; the Rust test (tests/suite/search.rs) judges it. Also runs
// axe-core on a page with results shown, walks to the first result with the keyboard, and
// records every request, so a test can see that nothing leaves the site.
// Usage: node search.js BASE_URL QUERIES_JSON
//   QUERIES_JSON: [{"path": "/ka/search/", "query": "…", "type": "story"?}, …]
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

(async () => {
  const [base, queriesJson] = process.argv.slice(2);
  const queries = JSON.parse(queriesJson);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const out = { requests: [], errors: [], results: [] };
  const page = await browser.newPage({ viewport: { width: 375, height: 800 }, bypassCSP: true /* axe is injected inline; csp.js checks the pages under their policy */ });
  page.on('request', r => out.requests.push(r.url()));
  page.on('pageerror', e => out.errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') out.errors.push(m.text()); });
  const axeSource = fs.readFileSync(path.join(require.resolve('axe-core'), '..', 'axe.min.js'), 'utf8');

  for (const q of queries) {
    await page.goto(base + q.path, { waitUntil: 'load' });
    if (q.type) await page.check(`input[name=type][value="${q.type}"]`);
    await page.fill('#search-q', q.query);
    await page.press('#search-q', 'Enter');
    const searching = await page.$eval('#search', d => d.dataset.searching);
    await page.waitForFunction(s => {
      const t = document.getElementById('search-status').textContent;
      return t && t !== s;
    }, searching, { timeout: 15000 });
    const seen = await page.evaluate(() => ({
      status: document.getElementById('search-status').textContent,
      live: document.getElementById('search-status').getAttribute('aria-live'),
      results: [...document.querySelectorAll('.search-result')].map(li => ({
        url: li.querySelector('a').getAttribute('href'),
        title: li.querySelector('a').textContent,
        excerpt: li.querySelector('.search-excerpt').innerHTML,
        date: li.querySelector('.search-date')?.textContent ?? null,
        image: li.querySelector('img')?.getAttribute('src') ?? null,
        alt: li.querySelector('img')?.getAttribute('alt') ?? null,
      })),
    }));
    let keyboard = null;
    let axe = null;
    if (q.audit && seen.results.length) {
      // From the search field, Tab reaches the first result (after the button and filters).
      await page.focus('#search-q');
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
        if (href) { keyboard = href; break; }
      }
      await page.addScriptTag({ content: axeSource });
      axe = await page.evaluate(async () => {
        const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
    }
    out.results.push({ ...q, ...seen, keyboard, axe });
  }

  // Without JavaScript the page says so and offers the lists instead.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(base + queries[0].path, { waitUntil: 'load' });
  out.noScript = await plain.evaluate(() => ({
    formHidden: getComputedStyle(document.querySelector('form.search-form')).display === 'none',
    text: [...document.querySelectorAll('noscript')].map(n => n.textContent).join(' '),
  }));
  await browser.close();
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
