// How soon the planning calendar is interactive with a month full of sessions: logs a coach in,
// then loads `/planning` cold (a fresh browser context each time) `runs` times, and prints how
// many sessions the month shows and the median and slowest time from the navigation's start
// until the page is hydrated (`body[data-hydrated]`), and that a drag then follows the pointer.
//
//   node bench/planning-hydration.mjs http://127.0.0.1:3300 coach@planning.bench.dropit.club 5
//
// Used by bench/planning.sh; a benchmark is run by a person, never by the test suite.
import { createRequire } from 'node:module';

// Playwright and the Chromium settings are the journeys' (end2end/).
const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const { launchOptions } = require('./chromium.cjs');
const [base, email, count = '5'] = process.argv.slice(2);
const browser = await chromium.launch(launchOptions);

const login = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
const page = await login.newPage();
await page.goto(`${base}/login`);
await page.locator('body[data-hydrated=true]').waitFor();
await page.fill('input[name=email]', email);
await page.fill('input[name=password]', 'dropit-demo');
await page.click('main form button[type=submit]');
await page.waitForURL((u) => u.pathname !== '/login');
const state = await login.storageState();
await login.close();

const times = [];
let sessions = 0;
for (let i = 0; i < Number(count); i++) {
  const context = await browser.newContext({ storageState: state, viewport: { width: 1280, height: 1100 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (window.__hydrated === undefined && document.body?.hasAttribute('data-hydrated')) {
        window.__hydrated = performance.now();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  });
  await page.goto(`${base}/planning`);
  await page.locator('body[data-hydrated=true]').waitFor();
  times.push(await page.evaluate(() => window.__hydrated));
  sessions = await page.locator('[data-view=grid] [data-session]').count();
  if (i === 0) {
    // A drag follows the pointer without a server call until the drop.
    let calls = 0;
    page.on('request', (r) => { if (r.url().includes('/api/')) calls++; });
    const grip = await page.locator('[data-view=grid] [data-grip]').first().boundingBox();
    await page.mouse.move(grip.x + 5, grip.y + 5);
    await page.mouse.down();
    // Frames drawn during a second of pointer moves.
    const counting = page.evaluate(() => new Promise((done) => {
      let n = 0;
      const start = performance.now();
      const tick = () => (performance.now() - start < 1000 ? (n++, requestAnimationFrame(tick)) : done(n));
      requestAnimationFrame(tick);
    }));
    const started = Date.now();
    for (let step = 0; Date.now() - started < 1000; step++) {
      await page.mouse.move(grip.x + 5 + (step % 60) * 8, grip.y + 5 + (step % 60) * 4);
    }
    const frames = await counting;
    console.log(`while dragging: ${frames} frames in a second of pointer moves, ${calls} server call(s) before the drop`);
    // Dropped where it was picked up: nothing is saved.
    await page.mouse.move(grip.x + 5, grip.y + 5);
    await page.mouse.up();
  }
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(
  `/planning with ${sessions} sessions in the month: hydrated at ${times[Math.floor(times.length / 2)].toFixed(0)} ms (median of ${times.length} cold loads), slowest ${times[times.length - 1].toFixed(0)} ms`,
);
