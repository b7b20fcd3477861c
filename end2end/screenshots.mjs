// Screenshots of DropIt's pages for review: desktop and phone, fr and en, light and dark.
// Usage: node end2end/screenshots.mjs http://127.0.0.1:3000 out-dir   (the demo club must exist)
import { chromium } from 'playwright-core';
import chromiumSettings from './chromium.cjs';
import { mkdirSync } from 'node:fs';

const [base = 'http://127.0.0.1:3000', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch(chromiumSettings.launchOptions);
const sizes = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } };

// Logs `page` in through the login form; `as` is a demo role or { email, password }.
async function logIn(page, as) {
  await page.goto(`${base}/login`);
  await page.locator('body[data-hydrated=true]').waitFor();
  await page.fill('input[name=email]', as.email ?? `${as}@demo.dropit.club`);
  await page.fill('input[name=password]', as.password ?? 'dropit-demo');
  await page.click('main form button[type=submit]');
  await page.waitForURL((u) => u.pathname !== '/login');
}

// An invitation of the demo club, for the invitation pages (its link is random).
async function invitationPath() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, 'owner');
  const email = `invitee-${Date.now()}@club.test`;
  const answer = await page.request.post(`${base}/api/invite`, { form: { email, role: 'athlete' } });
  const { link } = await answer.json();
  await context.close();
  return new URL(link).pathname;
}
const invite = await invitationPath();

// An account in two clubs (its own and the demo club), for the header's club menu.
async function twoClubAccount() {
  const context = await browser.newContext();
  const email = `two-clubs-${Date.now()}@club.test`;
  const signedUp = await context.request.post(`${base}/api/sign_up`, {
    form: { club_name: 'Club des Deux Rives', display_name: 'Dora Deux', email, password: 'two clubs password' },
  });
  if (!signedUp.ok()) throw new Error(`sign-up: ${signedUp.status()}`);
  const owner = await browser.newContext();
  const page = await owner.newPage();
  await logIn(page, 'owner');
  const answer = await page.request.post(`${base}/api/invite`, { form: { email, role: 'coach' } });
  const token = new URL((await answer.json()).link).pathname.split('/').pop();
  const joined = await context.request.post(`${base}/api/accept_invitation`, { form: { token } });
  if (!joined.ok()) throw new Error(`join: ${joined.status()}`);
  await owner.close();
  await context.close();
  return { email, password: 'two clubs password' };
}
const twoClubs = await twoClubAccount();

// The ISO week of a day (2026-W50), as the calendar's addresses write it.
function isoWeek(day) {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const jan4 = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d - jan4) / 86400000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
const shots = [
  ['login', null, '/login'],
  ['signup', null, '/signup'],
  ['home', 'owner', '/'],
  ['club', 'owner', '/club'],
  ['account', 'owner', '/account'],
  ['planning', 'coach', '/planning'],
  ['planning-week', 'coach', `/planning?week=${isoWeek(new Date())}`],
  // A session's menu opened: "Move to…" and "Copy to…" a date.
  ['planning-menu', 'coach', `/planning?week=${isoWeek(new Date())}`, async (page) => {
    await page.locator('[data-testid=session-menu]:visible').first().click();
  }],
  // A session picked up with the keyboard and moved a day: the day it is over is marked.
  ['planning-keyboard', 'coach', `/planning?week=${isoWeek(new Date())}`, async (page) => {
    const grip = page.locator('[data-view=grid] [data-grip]').first();
    if (!(await grip.isVisible())) return;
    await grip.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
  }],
  ['planning-session', 'coach', '/planning', async (page) => {
    await page.locator('[data-testid=session-link]:visible').first().click();
    await page.locator('body[data-hydrated=true]').waitFor();
  }],
  // The builder opened on one session's content.
  ['planning-session-edit', 'coach', '/planning', async (page) => {
    await page.locator('[data-testid=session-link]:visible').first().click();
    await page.locator('body[data-hydrated=true]').waitFor();
    await page.getByTestId('edit-content').click();
    await page.locator('body[data-hydrated=true]').waitFor();
  }],
  ['planning-new', 'coach', '/planning/new'],
  ['planning-copy', 'coach', `/planning/copy?from=${isoWeek(new Date())}`],
  ['planning-sheet', 'coach', '/planning/print?group=1'],
  ['planning-athlete', 'athlete', '/planning'],
  ['catalogue', 'coach', '/catalogue'],
  ['catalogue-search', 'coach', '/catalogue?q=arache'],
  ['exercise', 'coach', '/catalogue/exercises/1'],
  ['exercise-new', 'coach', '/catalogue/new'],
  ['complexes', 'coach', '/catalogue/complexes'],
  ['exchange', 'coach', '/catalogue/exchange'],
  ['lists', 'coach', '/catalogue/lists'],
  ['complex', 'coach', '/catalogue/complexes/1'],
  ['complex-edit', 'coach', '/catalogue/complexes/1/edit'],
  ['workouts', 'coach', '/workouts'],
  ['workouts-search', 'coach', '/workouts?q=arache'],
  ['workout', 'coach', '/workouts/1'],
  ['workout-new', 'coach', '/workouts/new'],
  ['workout-edit', 'coach', '/workouts/1/edit'],
  // An entry that does not read: its error, marked where it goes wrong.
  ['workout-edit-error', 'coach', '/workouts/1/edit', async (page) => {
    await page.getByTestId('element-blocks').first().fill('5x @75%');
    await page.getByTestId('element-error-span').first().waitFor();
  }],
  // Previewed for the first athlete: kilograms per block, the maxes used, the metrics in kg.
  ['workout-edit-preview', 'coach', '/workouts/1/edit', async (page) => {
    await page.getByTestId('preview-for').selectOption({ index: 1 });
    await page.getByTestId('block-load').first().waitFor();
  }],
  // An element removed: the "Undo" toast under the list.
  ['workout-edit-undo', 'coach', '/workouts/1/edit', async (page) => {
    await page.getByTestId('remove-element').first().click();
    await page.getByTestId('undo-bar').waitFor();
  }],
  ['workout-sheet', 'coach', '/workouts/1/print?group=1'],
  // The same sheet as the printer gets it: A4, no navigation, black on white.
  ['workout-sheet-print', 'coach', '/workouts/1/print?group=1', async (page) => {
    await page.emulateMedia({ media: 'print' });
  }],
  ['athletes', 'coach', '/athletes'],
  ['athlete', 'coach', '/athletes/1'],
  // The max-editing dialog, opened from the first max row (a modal: the viewport is shot).
  ['athlete-edit-max', 'coach', '/athletes/1', async (page) => {
    await page.locator('[data-testid=edit-max]').first().click();
    await page.locator('dialog[open]').waitFor();
    await page.waitForTimeout(400); // the backdrop fades in
  }],
  // The 1RM estimator with a set typed: the loadable estimates and the formulas' values.
  ['athlete-estimator', 'coach', '/athletes/1', async (page) => {
    await page.locator('[data-testid=estimator] summary').click();
    await page.locator('#estimate-weight').fill('100');
    await page.locator('#estimate-reps').fill('5');
    await page.locator('[data-testid=estimate-exact]').waitFor();
    await page.locator('[data-testid=estimator]').scrollIntoViewIfNeeded();
  }],
  ['athlete-missing', 'coach', '/athletes/987654321'],
  ['athlete-new', 'coach', '/athletes/new'],
  ['groups', 'coach', '/athletes/groups'],
  ['athlete-import', 'coach', '/athletes/import'],
  ['training-settings', 'owner', '/club/training'],
  ['my-page', 'athlete', '/athletes'],
  ['club-forbidden', 'coach', '/club'],
  ['invite', null, invite],
  ['invite-wrong-account', 'coach', invite],
  ['not-found', 'athlete', '/nowhere'],
  // The header's menus, opened (plain HTML: <details>).
  ['user-menu', 'coach', '/', async (page) => {
    await page.getByTestId('user-menu').locator('summary').click();
  }],
  ['club-menu', twoClubs, '/', async (page) => {
    await page.getByTestId('club-menu').locator('summary').click();
  }],
];
for (const [size, viewport] of Object.entries(sizes)) {
  for (const lang of ['fr', 'en']) {
    for (const theme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
      const host = new URL(base).hostname;
      await context.addCookies([
        { name: 'dropit_lang', value: lang, domain: host, path: '/' },
        { name: 'dropit_theme', value: theme, domain: host, path: '/' },
      ]);
      let who = null;
      const page = await context.newPage();
      for (const [name, as, path, act] of shots) {
        if (as !== who) {
          await context.clearCookies({ name: 'dropit_session' });
          if (as) await logIn(page, as);
          who = as;
        }
        await page.goto(`${base}${path}`);
        await page.locator('body[data-hydrated=true]').waitFor();
        if (act) await act(page);
        await page.screenshot({ path: `${out}/${name}-${size}-${lang}-${theme}.png`, fullPage: !act });
      }
      await context.close();
    }
  }
}
await browser.close();
console.log(`screenshots written to ${out}/`);
