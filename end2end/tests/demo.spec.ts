import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, hydrated, logIn, open, watchConsole } from './helpers';

test('the demo owner sees the shell in French, switches to English, and it sticks', async ({ page }) => {
  const console = watchConsole(page);
  // A visitor is sent to the login page, server side (before any WASM).
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=\/$/);

  await logIn(page, DEMO.owner, DEMO_PASSWORD);
  await expect(page).toHaveURL('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Olga Owner');
  await expect(page.getByTestId('current-club')).toHaveText('Club Haltéro Démo');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  for (const label of ['Accueil', 'Catalogue', 'Séances types', 'Planning', 'Athlètes', 'Club']) {
    await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId('home-role')).toContainText('Propriétaire');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello Olga Owner');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Workouts' })).toBeVisible();

  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello Olga Owner');

  // The planning calendar opens on the current month.
  await page.getByRole('link', { name: 'Planning', exact: true }).click();
  await hydrated(page);
  await expect(page.getByTestId('planning-heading')).toHaveText(/^[A-Z][a-z]+ \d{4}$/);
  await expect(page.locator('[data-view=grid] [aria-current=date]')).toHaveCount(1);
  console.check();
});

test('dark theme is remembered across loads', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  // Once hydrated, the toggle flips the page in place: no reload (what was typed stays).
  await page.evaluate(() => { (window as any).beforeToggle = true; });
  await page.getByTestId('theme-toggle').getByRole('button').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  expect(await page.evaluate(() => (window as any).beforeToggle)).toBe(true);
  await page.reload();
  await hydrated(page);
  await expect(page.locator('html')).toHaveClass(/dark/);
  console.check();
});

test('an unknown page answers a friendly 404', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.athlete, DEMO_PASSWORD);
  const response = await page.goto('/nowhere');
  expect(response?.status()).toBe(404);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await page.getByRole('link', { name: "Retour à l'accueil" }).click();
  await expect(page).toHaveURL('/');
  console.check([404]);
});

test('pages are complete before any WASM runs', async ({ browser }) => {
  // Log in with JavaScript, then look at the pages with JavaScript off.
  const withJs = await browser.newContext();
  await logIn(await withJs.newPage(), DEMO.owner, DEMO_PASSWORD);
  const state = await withJs.storageState();
  await withJs.close();

  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  const page = await noJs.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Olga Owner');
  await expect(page.getByTestId('current-club')).toHaveText('Club Haltéro Démo');
  await page.goto('/club');
  const members = page.getByTestId('member-row');
  await expect(members).toHaveCount(3);
  await expect(members.filter({ hasText: 'coach@demo.dropit.club' }).getByRole('combobox')).toHaveValue('coach');
  await expect(page.getByRole('button', { name: "Créer l'invitation" })).toBeVisible();
  // The interactive parts are islands (the member table and the invitations); the page around
  // them is plain HTML, the header too.
  expect(await page.locator('main leptos-island').count()).toBeGreaterThanOrEqual(1);
  expect(await page.locator('header leptos-island').count()).toBe(0);

  // A session's menu leads to the session's "Move or copy" form.
  await page.goto('/planning');
  const menu = page.locator('[data-view=grid] [data-menu]').first();
  await menu.locator('summary').click();
  await menu.getByTestId('move-link').click();
  await expect(page).toHaveURL(/\/planning\/sessions\/\d+#move$/);
  await expect(page.getByTestId('session-move').getByTestId('move-date')).toBeVisible();
  await page.goto('/club');

  // The header is plain HTML forms: language, theme and logging out work without any WASM.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL('/club');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Club');
  await page.getByTestId('theme-toggle').getByRole('button').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByTestId('theme-toggle').getByRole('button').click();
  await expect(page.locator('html')).toHaveClass(/light/);
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL('/login');
  await page.goto('/club');
  await expect(page).toHaveURL(/\/login\?next=/);
  await noJs.close();
});
