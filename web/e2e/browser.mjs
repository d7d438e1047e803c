// Launch the system's headless Chromium (never downloads a browser). Playwright gives every launch a
// fresh temporary user-data-dir, and every test its own fresh contexts.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh context (laptop size, Dutch, Brussels time unless `options` say otherwise) and page that record
 * Content Security Policy violations, page errors and console CSP messages; `csp()` lists them.
 */
export async function openRecording(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-BE', timezoneId: 'Europe/Brussels', ...options });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`); });
  const csp = async () => [...problems, ...(await page.evaluate(() => window.__csp ?? []).catch(() => []))];
  return { context, page, problems, csp };
}
