import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, hydrated, logIn, open, unique, watchConsole } from './helpers';

/** Submits one of the athlete page's forms and waits for the reloaded, hydrated page. */
async function submitAndReload(page: Page, form: string, button: string, shows: () => Promise<void>) {
  await page.getByTestId(form).getByRole('button', { name: button }).click();
  await shows();
  await hydrated(page);
}

async function recordMax(page: Page, exercise: string, weight: string, kind: string) {
  const form = page.getByTestId('max-form');
  await form.getByLabel('Exercice').selectOption({ label: exercise });
  await form.getByLabel('Charge (kg)').fill(weight);
  await form.getByLabel('Type', { exact: true }).selectOption({ label: kind });
  await form.getByRole('button', { name: 'Enregistrer le maximum' }).click();
}

test('a coach creates an athlete, records bodyweight and maxes, and sees the roster, the chart and a record', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Athlètes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Athlètes');
  await hydrated(page);

  // A new athlete, with a problem first: the sex category is required.
  const last = unique('Nouvelle');
  await page.getByTestId('new-athlete').click();
  await hydrated(page);
  await page.getByLabel('Prénom').fill('Inès');
  await page.getByLabel('Nom', { exact: true }).fill(last);
  await page.getByLabel('Date de naissance').fill('2003-04-18');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('athlete-form').getByRole('alert').filter({ hasText: 'Ce champ est obligatoire.' })).toBeVisible();
  await page.getByLabel('Femmes').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('athlete-name')).toHaveText(`Inès ${last}`);
  await hydrated(page);
  await expect(page.getByTestId('no-chart')).toBeVisible();

  // A bodyweight out of range is refused next to its field; a plausible one is recorded.
  const weighing = page.getByTestId('weighing-form');
  await weighing.getByLabel('Poids de corps (kg)').fill('720');
  await weighing.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(weighing.getByRole('alert').filter({ hasText: /nombre/ })).toBeVisible();
  await weighing.getByLabel('Poids de corps (kg)').fill('72,5');
  await submitAndReload(page, 'weighing-form', 'Enregistrer', () =>
    expect(page.getByTestId('stat-bodyweight')).toHaveText('72,5'),
  );
  await expect(page.getByTestId('athlete-subtitle')).toContainText('catégorie 77 kg');

  // Maxes: the snatch and the clean and jerk make a total, a Sinclair and a chart.
  await recordMax(page, 'Arraché', '90', 'Testé');
  await expect(page.getByTestId('stat-snatch')).toHaveText('90');
  await hydrated(page);
  await recordMax(page, 'Épaulé-jeté', '110', 'Compétition');
  await expect(page.getByTestId('stat-cj')).toHaveText('110');
  await hydrated(page);
  await expect(page.getByTestId('stat-total')).toHaveText('200');
  await expect(page.getByTestId('stat-sinclair')).toHaveText(/^\d+,\d\d$/);
  await expect(page.getByTestId('progress-chart')).toBeVisible();
  await expect(page.getByTestId('chart-line')).toHaveCount(2);
  await expect(page.getByTestId('chart-summary')).toContainText('Arraché : de 90 kg');

  // A heavier snatch is a personal record: a banner and a badge. (On the same day, a
  // competition max outranks a training one: it is the max in force.)
  await recordMax(page, 'Arraché', '95', 'Compétition');
  await expect(page.getByTestId('record-banner')).toHaveText(/Nouveau record personnel : Arraché, 95 kg/);
  await hydrated(page);
  const snatch = page.getByTestId('lift').filter({ hasText: 'Arraché' }).first();
  await expect(snatch.getByTestId('max-entry').first()).toContainText('95');
  await expect(snatch.getByTestId('max-entry').first().getByTestId('record-badge')).toBeVisible();
  await expect(page.getByTestId('stat-total')).toHaveText('205');

  // The estimator turns a set into an estimated max (80 kg × 5: Epley 93 kg), not a record.
  await page.getByTestId('estimator').locator('summary').click();
  await page.getByLabel('Charge de la série (kg)').fill('80');
  await page.getByLabel('Répétitions (1 à 12)').fill('5');
  await page.getByTestId('use-epley').click();
  const form = page.getByTestId('max-form');
  await expect(form.getByLabel('Charge (kg)')).toHaveValue('93');
  await expect(form.getByLabel('Type', { exact: true })).toHaveValue('estimated');
  await form.getByLabel('Exercice').selectOption({ label: 'Arraché' });
  await form.getByRole('button', { name: 'Enregistrer le maximum' }).click();
  await expect(snatch.getByTestId('max-entry')).toHaveCount(3);
  await hydrated(page);
  await expect(page.getByTestId('record-banner')).toHaveCount(0);
  await expect(page.getByTestId('stat-snatch')).toHaveText('95');

  // Deleting a max asks first, then the history shrinks.
  page.once('dialog', (dialog) => dialog.accept());
  // (Filtered by the kind cell: each row's edit dialog lists every kind.)
  await snatch
    .getByTestId('max-entry')
    .filter({ has: page.getByTestId('max-kind').filter({ hasText: 'Estimé' }) })
    .getByRole('button', { name: 'Supprimer' })
    .click();
  await expect(snatch.getByTestId('max-entry')).toHaveCount(2);
  await hydrated(page);

  // A max is corrected in place: the dialog refuses a weight that is not a number, next to
  // the field, then saves; the total follows.
  const cj = page.getByTestId('lift').filter({ hasText: 'Épaulé-jeté' }).first();
  await cj.getByRole('button', { name: 'Modifier le maximum de 110 kg (Épaulé-jeté)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier un maximum : Épaulé-jeté' });
  await expect(dialog.getByLabel('Charge (kg)')).toHaveValue('110');
  await expect(dialog.getByLabel('Type')).toHaveValue('competition');
  await dialog.getByLabel('Charge (kg)').fill('cent');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: /nombre/ })).toBeVisible();
  await dialog.getByLabel('Charge (kg)').fill('112,5');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('stat-cj')).toHaveText('112,5');
  await hydrated(page);
  await expect(cj.getByTestId('max-entry')).toHaveCount(1);
  await expect(page.getByTestId('stat-total')).toHaveText('207,5');

  // The roster shows the new athlete with her class, total and Sinclair, and finds her by name
  // without accents; the order follows the column clicked.
  await open(page, '/athletes');
  await page.getByLabel('Rechercher').fill(last.toLowerCase());
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page).toHaveURL(/q=/);
  const row = page.getByTestId('roster-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('cell-class')).toHaveText('77');
  await expect(row.getByTestId('cell-total')).toHaveText('207,5');
  await expect(row.getByTestId('cell-sinclair')).toHaveText(/^\d+,\d\d$/);
  await open(page, '/athletes?q=lea');
  await expect(page.getByTestId('roster-row')).toHaveCount(1);
  await expect(page.getByTestId('roster-row')).toContainText('DUBOIS Léa');

  await open(page, '/athletes');
  await page.getByTestId('sort-total').click();
  await expect(page).toHaveURL(/sort=total/);
  const totals = await page.getByTestId('cell-total').allTextContents();
  const known = totals.filter((t) => t !== '—').map((t) => Number(t.replace(',', '.')));
  expect(known.length).toBeGreaterThanOrEqual(4);
  expect(known).toEqual([...known].sort((a, b) => b - a));
  console.check([422]);
});

test('on a phone the roster is a list of cards', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await open(page, '/athletes');
  await expect(page.getByTestId('roster-table')).toBeHidden();
  await expect(page.getByTestId('roster-card').filter({ hasText: 'Arthur Athlete' })).toBeVisible();
});

test('an athlete sees only their own page and maxes', async ({ page, browser }) => {
  // Another athlete's page, found as the coach.
  const coachContext = await browser.newContext({ locale: 'fr-FR' });
  const coach = await coachContext.newPage();
  await logIn(coach, DEMO.coach, DEMO_PASSWORD);
  await open(coach, '/athletes');
  const lea = await coach.getByTestId('roster-row').filter({ hasText: 'Léa' }).getByRole('link').first().getAttribute('href');
  expect(lea).toMatch(/^\/athletes\/\d+$/);
  await coachContext.close();

  const console = watchConsole(page);
  await logIn(page, DEMO.athlete, DEMO_PASSWORD);
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.getByRole('link', { name: 'Ma fiche' }).click();
  await expect(page.getByTestId('athlete-name')).toHaveText('Arthur Athlete');
  await expect(page.getByTestId('stat-total')).toHaveText('275');
  await expect(page.getByTestId('lifts')).toContainText('Arraché');
  await expect(page.getByTestId('roster-table')).toHaveCount(0);
  // The club does not let athletes record maxes, and nothing on the page changes anything.
  await expect(page.getByTestId('max-form')).toHaveCount(0);
  await expect(page.getByTestId('weighing-form')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Supprimer' })).toHaveCount(0);

  // Another athlete's page is refused, by the page and by the server.
  await open(page, lea!);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('athlete-name')).toHaveCount(0);
  const id = lea!.split('/').pop();
  const refused = await page.request.post('/api/load_athlete', { form: { id: id! } });
  expect(refused.status()).toBe(403);
  const roster = await page.request.post('/api/roster');
  expect(roster.status()).toBe(403);
  // The refused page itself answers 403.
  console.check([403]);
});
