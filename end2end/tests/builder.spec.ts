import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, hydrated, logIn, open, unique, watchConsole } from './helpers';

const names = (page: Page) => page.getByTestId('element-name');

/** Adds a lift from the builder's search, with the keyboard only. */
async function addLift(page: Page, query: string) {
  await page.locator('#lift-search').focus();
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
}

/** Drags the handle of element `from` onto element `to`, with the mouse. */
async function dragOnto(page: Page, from: number, to: number) {
  const handle = await page.getByTestId('element-handle').nth(from).boundingBox();
  const target = await page.getByTestId('workout-element').nth(to).boundingBox();
  if (!handle || !target) throw new Error('the elements are not on screen');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 3, { steps: 8 });
  await page.mouse.up();
}

/** Drags the handle of block `from` onto block `to` in an element's words, with the mouse. */
async function dragBlock(page: Page, words: Locator, from: number, to: number) {
  const handle = await words.locator('[data-block-handle]').nth(from).boundingBox();
  const target = await words.locator('li').nth(to).boundingBox();
  if (!handle || !target) throw new Error('the blocks are not on screen');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
}

test('a coach builds a workout with the keyboard from shorthand, saves it, and a stale save is refused', async ({
  page,
  browser,
}) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);

  // The library holds the demo's workouts, searchable by the lifts inside.
  await open(page, '/workouts');
  await expect(page.getByTestId('workout-item')).toHaveCount(6);
  await page.locator('#workout-q').fill('TLA');
  await page.locator('#workout-q').press('Enter');
  await expect(page).toHaveURL(/q=TLA/);
  await expect(page.getByTestId('workout-title')).toHaveText(['Arraché lourd', 'Squats et tirages']);

  await open(page, '/workouts/new');
  await page.locator('#field-title').focus();
  await page.keyboard.type('Journée test');

  // The snatch, typed wrong first: the problem is marked where it is, and nothing typed is lost.
  await addLift(page, 'Arraché');
  await expect(names(page)).toHaveText(['Arraché']);
  await expect(page.getByTestId('element-blocks').first()).toBeFocused();
  await page.keyboard.type('5x @75%');
  await expect(page.getByTestId('element-error').first()).toContainText('Un nombre est attendu ici.');
  await expect(page.getByTestId('element-error-span').first().locator('mark')).toHaveText('@');
  await expect(page.getByTestId('element-blocks').first()).toHaveValue('5x @75%');
  // A pyramid: three blocks, shown back in words.
  await page.getByTestId('element-blocks').first().fill('75%x2, 80%x2, 85%x1x3');
  await expect(page.getByTestId('element-words').first().locator('li')).toHaveCount(3);
  await expect(page.getByTestId('element-words').first()).toContainText('3 séries de 1 à 85');
  // A block moves with its buttons, by pointer then by keyboard, its text kept as typed.
  await page.getByRole('button', { name: 'Monter le bloc 3' }).click();
  await expect(page.getByTestId('element-blocks').first()).toHaveValue('75%x2, 85%x1x3, 80%x2');
  await expect(page.getByTestId('element-words').first().locator('li').nth(1)).toContainText('3 séries de 1 à 85');
  await expect(page.getByTestId('builder-announcement')).toContainText('position 2 sur 3');
  await expect(page.getByRole('button', { name: 'Monter le bloc 2' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Descendre le bloc 2' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('element-blocks').first()).toHaveValue('75%x2, 80%x2, 85%x1x3');
  await expect(page.getByTestId('builder-announcement')).toContainText('position 3 sur 3');
  // And with Alt+↑/↓ on a block's button, as on an element.
  await expect(page.getByRole('button', { name: 'Monter le bloc 3' })).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('element-blocks').first()).toHaveValue('75%x2, 85%x1x3, 80%x2');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('element-blocks').first()).toHaveValue('75%x2, 80%x2, 85%x1x3');
  // And by dragging a block's handle onto another line, there and back.
  const words = page.getByTestId('element-words').first();
  await dragBlock(page, words, 2, 0);
  await expect(page.getByTestId('element-blocks').first()).toHaveValue('85%x1x3, 75%x2, 80%x2');
  await expect(page.getByTestId('builder-announcement')).toContainText('position 1 sur 3');
  await dragBlock(page, words, 0, 2);
  await expect(page.getByTestId('element-blocks').first()).toHaveValue('75%x2, 80%x2, 85%x1x3');
  // The metrics follow: 2 + 2 + 3 lifts, in Prilepin's zones for the snatch.
  const totalLifts = page.getByTestId('metrics').getByTestId('metric-lifts').last();
  await expect(totalLifts).toHaveText('7');
  await expect(page.getByTestId('prilepin').first()).toContainText('Arraché');
  await expect(page.getByTestId('prilepin-lifts')).toHaveText(['2', '5']);

  // A complex with reps per movement, at a % of the snatch.
  await addLift(page, "Tirage lourd d'arraché + Arraché");
  await page.keyboard.type('3x(1+1) @80% arraché');
  await expect(page.getByTestId('element-words').nth(1)).toContainText('3 séries de (1 + 1) à 80');
  await expect(totalLifts).not.toHaveText('7');

  // Reorder with the keyboard, announced.
  await page.getByTestId('workout-element').first().focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(names(page)).toHaveText(["Tirage lourd d'arraché + Arraché", 'Arraché']);
  await expect(page.getByTestId('builder-announcement')).toContainText('position 2 sur 2');

  // And by dragging a handle onto another element (there and back).
  await dragOnto(page, 1, 0);
  await expect(names(page)).toHaveText(['Arraché', "Tirage lourd d'arraché + Arraché"]);
  await expect(page.getByTestId('builder-announcement')).toContainText('position 1 sur 2');
  await dragOnto(page, 1, 0);
  await expect(names(page)).toHaveText(["Tirage lourd d'arraché + Arraché", 'Arraché']);

  // And by its buttons: down, then up again; a copy, removed, then back with "Undo".
  await page.getByRole('button', { name: "Descendre Tirage lourd d'arraché + Arraché" }).click();
  await expect(names(page)).toHaveText(['Arraché', "Tirage lourd d'arraché + Arraché"]);
  await expect(page.getByRole('button', { name: "Descendre Tirage lourd d'arraché + Arraché" })).toBeDisabled();
  await page.getByRole('button', { name: "Monter Tirage lourd d'arraché + Arraché" }).click();
  await expect(names(page)).toHaveText(["Tirage lourd d'arraché + Arraché", 'Arraché']);
  await page.getByRole('button', { name: 'Dupliquer Arraché' }).click();
  await expect(names(page)).toHaveText(["Tirage lourd d'arraché + Arraché", 'Arraché', 'Arraché']);
  await expect(page.getByTestId('element-blocks').nth(2)).toHaveValue('75%x2, 80%x2, 85%x1x3');
  await page.getByRole('button', { name: 'Retirer Arraché' }).last().click();
  await expect(names(page)).toHaveText(["Tirage lourd d'arraché + Arraché", 'Arraché']);
  await expect(page.getByTestId('builder-announcement')).toContainText('Arraché retiré.');
  await page.getByTestId('undo-remove').click();
  await expect(names(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Retirer Arraché' }).last().click();
  await expect(names(page)).toHaveText(["Tirage lourd d'arraché + Arraché", 'Arraché']);

  await page.getByTestId('save-workout').click();
  await page.waitForURL(/\/workouts\/\d+\/edit$/);
  await hydrated(page);
  const url = page.url();
  await expect(page.locator('#field-title')).toHaveValue('Journée test');
  await expect(names(page)).toHaveText(["Tirage lourd d'arraché + Arraché", 'Arraché']);
  await expect(page.getByTestId('element-words').nth(1).locator('li')).toHaveCount(3);

  // The same workout in a second tab: its save wins, the first tab's is refused.
  const second = await page.context().newPage();
  await open(second, url);
  await second.locator('#field-title').fill('Journée test (onglet 2)');
  await second.getByTestId('save-workout').click();
  await expect(second.getByTestId('toast').filter({ hasText: 'Séance enregistrée.' })).toBeVisible();
  await page.locator('#field-title').fill('Journée test (onglet 1)');
  await page.getByTestId('save-workout').click();
  await expect(page.getByTestId('conflict')).toBeVisible();
  await second.close();
  console.check([409]);

  // The workout goes away again (archived, then deleted), so that the library holds only the
  // demo's workouts for the other journeys. In a page of its own: this one has unsaved changes.
  const library = await page.context().newPage();
  await open(library, '/workouts?q=Journ%C3%A9e+test');
  await library.getByTestId('workout-item').filter({ hasText: 'Journée test (onglet 2)' }).getByTestId('archive-workout').click();
  await expect(library.getByTestId('workout-item').filter({ hasText: 'Journée test' })).toHaveCount(0);
  await open(library, '/workouts?q=Journ%C3%A9e+test&status=archived');
  await library.getByTestId('workout-item').filter({ hasText: 'Journée test (onglet 2)' }).getByTestId('delete-workout').click();
  await open(library, '/workouts?status=all');
  await expect(library.getByTestId('workout-item').filter({ hasText: 'Journée test' })).toHaveCount(0);
  await library.close();

  // An athlete is refused the library, on the page and on the server.
  const athleteContext = await browser.newContext({ locale: 'fr-FR' });
  const athlete = await athleteContext.newPage();
  await logIn(athlete, DEMO.athlete, DEMO_PASSWORD);
  const refused = await athlete.goto('/workouts');
  expect(refused?.status()).toBe(403);
  const answer = await athlete.request.post('/api/workout_editor', { form: {}, headers: { Origin: new URL(url).origin } });
  expect(answer.status()).toBe(403);
  await athleteContext.close();
});

test('the builder previews kilograms for an athlete, derived through a ratio, and for a group', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);

  // An athlete with a clean and jerk max but no snatch max.
  const last = unique('Ratio');
  await open(page, '/athletes/new');
  await page.getByLabel('Prénom').fill('Zoé');
  await page.getByLabel('Nom', { exact: true }).fill(last);
  await page.getByLabel('Femmes').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('athlete-name')).toHaveText(`Zoé ${last}`);
  await hydrated(page);
  const form = page.getByTestId('max-form');
  await form.getByLabel('Exercice').selectOption({ label: 'Épaulé-jeté' });
  await form.getByLabel('Charge (kg)').fill('110');
  await form.getByLabel('Type', { exact: true }).selectOption({ label: 'Testé' });
  await form.getByRole('button', { name: 'Enregistrer le maximum' }).click();
  await expect(page.getByTestId('stat-cj')).toHaveText('110');

  // The demo's snatch day, previewed for her: her snatch is 0.80 × 110 = 88 kg, shown "≈".
  await open(page, '/workouts?q=Arrach%C3%A9+lourd');
  await page.getByTestId('workout-title').first().click();
  await page.getByTestId('edit-workout').click();
  await hydrated(page);
  await expect(page.getByTestId('metrics').getByTestId('metric-lifts').last()).not.toHaveText('0');
  await expect(page.getByTestId('prilepin').first()).toBeVisible();
  await page.getByTestId('preview-for').selectOption({ label: `Zoé ${last}` });
  const snatch = page.getByTestId('workout-element').first();
  await expect(snatch.getByTestId('block-load').first()).toHaveText('≈\u00a044 kg');
  await expect(page.getByTestId('maxes-used')).toContainText('0,8 × Épaulé-jeté');
  await expect(page.getByTestId('metric-tonnage').last()).not.toHaveText('—');

  // Typing changes the loads at once: 60 % of 88 kg.
  await snatch.getByTestId('element-blocks').fill('5x2 @60%');
  await expect(snatch.getByTestId('block-load').first()).toHaveText('≈\u00a053 kg');

  // A group: one load per athlete of the group.
  await page.getByTestId('preview-for').selectOption({ label: 'Seniors' });
  // (Seniors has the demo's three, and whoever an earlier journey imported into it.)
  await expect.poll(() => snatch.getByTestId('block-load').count()).toBeGreaterThanOrEqual(3);

  // On a phone the builder stacks: nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 780 });
  const { scroll, screen } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }));
  expect(scroll, 'page width on a phone').toBeLessThanOrEqual(screen);
  console.check();
});
