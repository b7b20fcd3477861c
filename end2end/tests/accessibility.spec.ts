import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, logIn, open } from './helpers';

// The rules Lighthouse's accessibility score is made of (axe-core's WCAG A and AA rules and its
// best practices): every page a person reaches has none of their violations, in both themes.

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

type Theme = 'light' | 'dark';

async function checkPages(page: Page, paths: string[], themes: Theme[] = ['light', 'dark']) {
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    for (const path of paths) {
      await open(page, path);
      expect(await violations(page), `${path} (${theme})`).toEqual([]);
    }
  }
}

/** The address of the first link of `testId` on the page at `path` (a record's own page). */
async function firstLink(page: Page, path: string, testId: string, pattern: RegExp): Promise<string> {
  await open(page, path);
  const href = await page.getByTestId(testId).first().getByRole('link').first().getAttribute('href');
  expect(href).toMatch(pattern);
  return href!;
}

test('the pages before logging in have no accessibility violations', async ({ page, browser }) => {
  // An invitation link, as the person invited opens it.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await logIn(owner, DEMO.owner, DEMO_PASSWORD);
  const answer = await owner.request.post('/api/invite', {
    form: { email: `invitee-${Date.now()}@club.test`, role: 'athlete' },
  });
  const { link } = await answer.json();
  await ownerContext.close();
  await checkPages(page, ['/login', '/signup', new URL(link).pathname]);
});

// The coach reaches every page: one test per theme keeps each within the test timeout.
for (const theme of ['light', 'dark'] as const) {
  test(`the coach's pages have no accessibility violations (${theme})`, async ({ page }) => {
    await logIn(page, DEMO.coach, DEMO_PASSWORD);
    const athlete = await firstLink(page, '/athletes', 'roster-row', /^\/athletes\/\d+$/);
    const workout = await firstLink(page, '/workouts', 'workout-item', /^\/workouts\/\d+$/);
    await open(page, '/planning');
    const session = await page.locator('[data-view=grid] [data-testid=session-link]').first().getAttribute('href');
    expect(session).toMatch(/^\/planning\/sessions\/\d+$/);
    await open(page, '/catalogue');
    const exercise = await page.locator('a[href^="/catalogue/exercises/"]').first().getAttribute('href');
    expect(exercise).toMatch(/^\/catalogue\/exercises\/\d+$/);
    await open(page, '/catalogue/complexes');
    const complex = await page.locator('a[href^="/catalogue/complexes/"]:not([href$="/new"])').first().getAttribute('href');
    expect(complex).toMatch(/^\/catalogue\/complexes\/\d+$/);
    await checkPages(page, [
      '/',
      '/account',
      '/catalogue',
      '/catalogue/new',
      exercise!,
      `${exercise}/edit`,
      '/catalogue/lists',
      '/catalogue/exchange',
      '/catalogue/complexes',
      '/catalogue/complexes/new',
      complex!,
      `${complex}/edit`,
      '/workouts',
      '/workouts/new',
      workout,
      `${workout}/edit`,
      '/planning',
      '/planning?week=2026-W50',
      '/planning/new',
      '/planning/copy?from=2026-W50',
      '/planning/print?group=1',
      session!,
      `${session}/edit`,
      '/athletes',
      '/athletes/new',
      '/athletes/groups',
      '/athletes/import',
      athlete,
      `${athlete}/edit`,
      '/club/training',
    ], [theme]);
  });
}

test("the athlete's and the owner's pages have no accessibility violations", async ({ page, browser }) => {
  await logIn(page, DEMO.athlete, DEMO_PASSWORD);
  await checkPages(page, ['/', '/account', '/catalogue', '/athletes', '/club/training', '/planning']);
  const ownerContext = await browser.newContext({ locale: 'fr-FR' });
  const owner = await ownerContext.newPage();
  await logIn(owner, DEMO.owner, DEMO_PASSWORD);
  await checkPages(owner, ['/club']);
  await ownerContext.close();
});
