// Opens pages in headless Debian Chromium under the site's Content-Security-Policy, sent as
// the header `_headers` gives (and the page's own <meta>), and records every
// `securitypolicyviolation`. On a journey it opens the exhibit viewer, on a search page it
// searches, so the scripts are seen working under the policy. Prints JSON for the Rust test
// (tests/suite/security.rs).
// Usage: node csp.js BASE_URL POLICY PATHS_JSON
const { chromium } = require('playwright-core');

(async () => {
  const [base, policy, pathsJson] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  await context.route('**/*', async route => {
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': policy };
    await route.fulfill({ response, headers });
  });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', e => {
      window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const out = { pages: [] };
  for (const path of JSON.parse(pathsJson)) {
    const page = await context.newPage();
    const errors = [];
    const record = { path };
    page.on('pageerror', e => errors.push(String(e)));
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(base + path, { waitUntil: 'load' });
    if (/\/exhibit\/[^/]+\/$/.test(path)) {
      const link = await page.$('a.photo-open');
      if (link) {
        await link.click();
        await page.waitForSelector('dialog.viewer[open]', { timeout: 5000 }).catch(() => {});
        record.viewer = await page.$eval('dialog.viewer', d => d.open).catch(() => false);
      }
    }
    if (path.endsWith('/search/')) {
      const query = { en: 'migrants', ka: 'მიგრანტ', hy: 'միգրանտ' }[path.split('/')[1]];
      await page.fill('#search-q', query);
      await page.press('#search-q', 'Enter');
      await page.waitForFunction(() => /\d/.test(document.getElementById('search-status').textContent), null, { timeout: 15000 }).catch(() => {});
      record.results = await page.$$eval('.search-result', l => l.length);
    }
    await page.waitForTimeout(100);
    const violations = await page.evaluate(() => window.__violations);
    out.pages.push({ ...record, violations, errors });
    await page.close();
  }
  await browser.close();
  console.log(JSON.stringify(out));
})();
