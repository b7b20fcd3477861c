import { chromium } from 'playwright-core';
import chromiumSettings from './chromium.cjs';
const [base, path, out, who = 'coach', w = '1280'] = process.argv.slice(2);
const browser = await chromium.launch(chromiumSettings.launchOptions);
const context = await browser.newContext({ viewport: { width: Number(w), height: 900 }, locale: 'fr-FR' });
const page = await context.newPage();
await page.goto(`${base}/login`);
await page.locator('body[data-hydrated=true]').waitFor();
await page.fill('input[name=email]', `${who}@demo.dropit.club`);
await page.fill('input[name=password]', 'dropit-demo');
await page.click('main form button[type=submit]');
await page.waitForURL((u) => u.pathname !== '/login');
await page.goto(`${base}${path}`);
await page.locator('body[data-hydrated=true]').waitFor();
if (path === '/planning') { await page.locator('[data-testid=session-link]:visible').nth(7).click(); await page.locator('body[data-hydrated=true]').waitFor(); }
await page.screenshot({ path: out, fullPage: true });
await browser.close();
