import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, logIn, open, watchConsole } from './helpers';

test('a coach finds workouts by the lifts inside, reads one in words, copies and archives it', async ({ page, browser }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);

  // The library holds the demo's workouts; the search finds them by the lifts inside too.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Séances types' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bibliothèque de séances');
  await expect(page.getByTestId('workout-item')).toHaveCount(6);
  await page.locator('#workout-q').fill('TLA');
  await page.locator('#workout-q').press('Enter');
  await expect(page).toHaveURL(/q=TLA/);
  await expect(page.getByTestId('workout-title')).toHaveText(['Arraché lourd', 'Squats et tirages']);
  await page.locator('#workout-category').selectOption({ label: 'Fond' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByTestId('workout-title')).toHaveText(['Squats et tirages']);

  // A workout's page: each element's blocks in shorthand and in words.
  await open(page, '/workouts?q=arrache+lourd');
  await page.getByTestId('workout-title').first().click();
  await expect(page.getByTestId('workout-heading')).toHaveText('Arraché lourd');
  const snatch = page.getByTestId('workout-element').first();
  await expect(snatch.getByTestId('element-name')).toHaveText('Arraché');
  await expect(snatch.getByTestId('element-shorthand')).toHaveText('50%x3, 60%x3, 70%x2, 75%x2x3');
  await expect(snatch.getByTestId('element-words').locator('li')).toHaveCount(4);
  await expect(snatch.getByTestId('element-words')).toContainText('3 séries de 2 à 75');
  const complex = page.getByTestId('workout-element').nth(1);
  await expect(complex.getByTestId('element-words')).toContainText('4 séries de (2 + 1) à 75');

  // "Planifier" opens the planning form with this workout chosen.
  const workoutPage = page.url();
  await page.getByTestId('plan-workout-link').click();
  await expect(page.getByRole('radio', { name: 'Arraché lourd', exact: true })).toBeChecked();
  await open(page, workoutPage);

  // Duplicated: the copy opens, then it is archived and leaves the active list.
  await page.getByTestId('duplicate-workout').click();
  await expect(page.getByTestId('workout-heading')).toHaveText('Arraché lourd (copie)');
  await open(page, '/workouts?q=copie');
  const copy = page.getByTestId('workout-item').filter({ hasText: 'Arraché lourd (copie)' });
  await copy.getByTestId('archive-workout').click();
  await expect(page.getByTestId('workout-item').filter({ hasText: 'Arraché lourd (copie)' })).toHaveCount(0);
  await open(page, '/workouts?q=copie&status=archived');
  await page.getByTestId('workout-item').filter({ hasText: 'Arraché lourd (copie)' }).getByTestId('delete-workout').click();
  await open(page, '/workouts?status=all');
  await expect(page.getByTestId('workout-item').filter({ hasText: 'Arraché lourd (copie)' })).toHaveCount(0);
  console.check();

  // An athlete is refused the library, on the page and on the server, and has no link to it.
  const athleteContext = await browser.newContext({ locale: 'fr-FR' });
  const athlete = await athleteContext.newPage();
  await logIn(athlete, DEMO.athlete, DEMO_PASSWORD);
  await expect(
    athlete.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Séances types' }),
  ).toHaveCount(0);
  const refused = await athlete.goto('/workouts');
  expect(refused?.status()).toBe(403);
  const origin = new URL(page.url()).origin;
  const answer = await athlete.request.post('/api/workout_library', {
    form: { 'query[q]': '' },
    headers: { Origin: origin },
  });
  expect(answer.status()).toBe(403);
  await athleteContext.close();
});

test('a coach prints a workout for a group: each athlete\'s kilograms with the maxes of the day', async ({ page, browser }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await open(page, '/workouts?q=arrache+lourd');
  await page.getByTestId('workout-title').first().click();
  await page.getByTestId('print-workout').click();
  await expect(page.getByTestId('sheet-heading')).toHaveText('Arraché lourd');
  await expect(page.getByTestId('sheet-table')).toHaveCount(0);

  // The Seniors: a table per element, a row per athlete, a column per block.
  await page.locator('#sheet-group').selectOption({ label: 'Seniors' });
  await page.getByTestId('sheet-show').click();
  await expect(page).toHaveURL(/group=\d+/);
  const snatch = page.getByTestId('sheet-element').first();
  // Each block's column shows its shorthand and is read in words.
  await expect(snatch.locator('thead th [aria-hidden=true]')).toHaveText(['1x3 @50%', '1x3 @60%', '1x2 @70%', '3x2 @75%']);
  await expect(snatch.getByRole('columnheader').last()).toHaveAccessibleName(/^3 séries de 2 à 75\s%/);
  await expect(snatch.getByTestId('sheet-athlete')).toHaveText(['Arthur Athlete', 'Léa Dubois', 'Sofia Marchetti']);
  // Arthur's snatch max today is 123 kg: 61.5 → 62, 73.8 → 74, 86.1 → 86, 92.25 → 92.
  await expect(snatch.locator('tbody tr').first().getByTestId('sheet-load')).toHaveText(['62', '74', '86', '92']);
  // Léa's is 86 kg: 75 % is 64.5, rounded up to 65.
  await expect(snatch.locator('tbody tr').nth(1).getByTestId('sheet-load').last()).toHaveText('65');

  // A hundred days ago Arthur's max in force was his competition's 120 kg: 75 % is 90.
  const before = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
  await page.locator('#sheet-date').fill(before);
  await page.getByTestId('sheet-show').click();
  await expect(page).toHaveURL(new RegExp(`date=${before}`));
  await expect(page.getByTestId('sheet-element').first().locator('tbody tr').first().getByTestId('sheet-load').last()).toHaveText('90');

  // The print button opens the browser's print dialog; on paper, no navigation and no form.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByTestId('sheet-print').click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeHidden();
  await expect(page.getByTestId('sheet-form')).toBeHidden();
  await expect(page.getByTestId('sheet-table').first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // A date that does not read is said next to its field; the sheet shows today.
  const url = new URL(page.url());
  url.searchParams.set('date', '31/12/2026');
  await open(page, url.pathname + url.search);
  await expect(page.locator('#sheet-date-error')).toHaveText(/pas valide/);
  await expect(page.locator('#sheet-date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('sheet-element').first().locator('tbody tr').first().getByTestId('sheet-load').last()).toHaveText('92');
  console.check();

  // An athlete is refused the sheet.
  const athleteContext = await browser.newContext({ locale: 'fr-FR' });
  const athlete = await athleteContext.newPage();
  await logIn(athlete, DEMO.athlete, DEMO_PASSWORD);
  const refused = await athlete.goto(url.pathname);
  expect(refused?.status()).toBe(403);
  await athleteContext.close();
});
