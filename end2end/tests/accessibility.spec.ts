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

async function checkPages(page: Page, paths: string[]) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const path of paths) {
      await open(page, path);
      expect(await violations(page), `${path} (${theme})`).toEqual([]);
    }
  }
}

test('the pages before logging in have no accessibility violations', async ({ page }) => {
  await checkPages(page, ['/login', '/signup']);
});

test("the coach's pages have no accessibility violations", async ({ page }) => {
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await open(page, '/athletes');
  const athlete = await page.getByTestId('roster-row').first().getByRole('link').first().getAttribute('href');
  expect(athlete).toMatch(/^\/athletes\/\d+$/);
  await checkPages(page, [
    '/',
    '/account',
    '/catalogue',
    '/catalogue/new',
    '/catalogue/lists',
    '/catalogue/complexes',
    '/catalogue/complexes/new',
    '/athletes',
    '/athletes/groups',
    athlete!,
    '/club/training',
  ]);
});

test("the owner's club page has no accessibility violations", async ({ page }) => {
  await logIn(page, DEMO.owner, DEMO_PASSWORD);
  await checkPages(page, ['/club']);
});
