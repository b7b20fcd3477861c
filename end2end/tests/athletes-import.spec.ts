import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO, DEMO_PASSWORD, hydrated, logIn, open, signUp, unique, watchConsole } from './helpers';

/** Puts a file in the import form (its text shows in the box), then imports it. */
async function importCsv(page: Page, name: string, text: string) {
  await page.getByLabel('Fichier CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.getByLabel('Contenu du fichier')).toHaveValue(text);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
}

const rows = (page: Page) => page.getByTestId('roster-row');
const cards = (page: Page) => page.getByTestId('group-card');
const card = (page: Page, name: string) =>
  cards(page).filter({ has: page.getByTestId('group-name').getByText(name, { exact: true }) });

/** Filters the roster by one of the club's groups, through the roster's filters form. */
async function filterRosterByGroup(page: Page, group: string) {
  await page.getByLabel('Groupe', { exact: true }).selectOption({ label: group });
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page).toHaveURL(/group=\d+/);
  await hydrated(page);
}

test('a coach imports athletes from a CSV file: a bad row imports nothing, the fixed file imports them all', async ({ page }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club import'), 'Iris Import', `${unique('owner')}@club.test`, 'owner password 1');
  await open(page, '/athletes');
  await page.getByRole('navigation', { name: 'Sections des athlètes' }).getByRole('link', { name: 'Import' }).click();
  await hydrated(page);
  await expect(page).toHaveURL(/\/athletes\/import$/);
  // The page says which columns it reads, with an example.
  await expect(page.getByTestId('import-columns')).toContainText('Prénom');
  await expect(page.getByTestId('import-example')).toContainText('prénom;nom;date de naissance;sexe;email;groupes');

  // Nothing chosen: said under the box, nothing sent.
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.locator('#athlete-import-content-error')).toHaveText('Choisissez un fichier CSV ou collez son contenu.');

  // A French spreadsheet's export; line 3 has no sex.
  const bad = [
    'Prénom;Nom;Date de naissance;Sexe;E-mail;Groupes',
    'Léa;Petit;14/03/2008;F;lea.petit@club.test;Juniors',
    'Tom;Arnaud;02/11/1995;;;"Seniors;Juniors"',
    '',
  ].join('\n');
  await importCsv(page, 'athletes.csv', bad);
  const report = page.getByTestId('import-report');
  await expect(report).toContainText("Le fichier n'a pas été importé : 1 problème(s)");
  await expect(page.getByTestId('import-problem')).toHaveCount(1);
  await expect(page.getByTestId('import-problem')).toHaveText(/^3\s*Sexe\s*Ce champ est obligatoire\.$/);

  // Nothing was imported: no athlete, no group.
  await open(page, '/athletes');
  await expect(page.getByTestId('roster-empty')).toBeVisible();
  await expect(page.locator('#roster-group option')).toHaveCount(1);

  // The fixed file imports both athletes and creates their groups.
  await open(page, '/athletes/import');
  const fixed = bad.replace('02/11/1995;;', '02/11/1995;H;');
  await importCsv(page, 'athletes.csv', fixed);
  const done = page.getByTestId('import-done');
  await expect(done).toContainText('2 athlète(s) importé(s).');
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  await done.getByRole('link', { name: "Voir l'effectif" }).click();
  await hydrated(page);
  await expect(page).toHaveURL(/\/athletes$/);
  await expect(page.getByTestId('roster-count')).toHaveText('2 affiché(s) sur 2 athlète(s)');
  await expect(rows(page).filter({ hasText: 'PETIT Léa' })).toContainText('Juniors');
  await expect(rows(page).filter({ hasText: 'ARNAUD Tom' })).toContainText('Seniors');
  await expect(rows(page).filter({ hasText: 'ARNAUD Tom' })).toContainText('Juniors');
  await expect(rows(page).filter({ hasText: 'ARNAUD Tom' })).toContainText('Hommes');

  // The groups filter the roster.
  await filterRosterByGroup(page, 'Seniors');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('ARNAUD Tom');

  // The same file again: both athletes are already in the club.
  await open(page, '/athletes/import');
  await importCsv(page, 'athletes.csv', fixed);
  await expect(page.getByTestId('import-problem')).toHaveCount(2);
  await expect(page.getByTestId('import-problem').first()).toHaveText(/^2\s*Nom\s*Cet athlète est déjà dans le club/);

  // The refused imports answered 422 on purpose.
  console.check([422]);
});

test('a coach creates groups, puts an imported athlete in one, renames, archives and restores it', async ({ page }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club groupes'), 'Gaby Groupes', `${unique('owner')}@club.test`, 'owner password 1');

  // An athlete, from the page's own example.
  await open(page, '/athletes/import');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger cet exemple' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('athletes-exemple.csv');
  const example = readFileSync(await download.path(), 'utf8');
  expect(example).toContain('Léa;Petit;14/03/2008;F;');
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'exemple.csv', mimeType: 'text/csv', buffer: Buffer.from(example) });
  await expect(page.getByLabel('Contenu du fichier')).toHaveValue(/Léa;Petit/);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByTestId('import-done')).toContainText('2 athlète(s) importé(s).');

  await open(page, '/athletes/groups');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Athlètes');
  // The example's groups were created with it.
  await expect(card(page, 'Juniors')).toHaveCount(1);
  await expect(card(page, 'Juniors').getByTestId('group-athlete')).toHaveCount(1);
  await expect(card(page, 'Juniors').getByTestId('group-athlete')).toContainText('Léa Petit');

  // A new group; a name the club already has (without case or accents) is refused next to it.
  await page.getByLabel('Nom du groupe').fill('Haltéro loisir');
  await page.getByRole('button', { name: 'Créer le groupe' }).click();
  await expect(card(page, 'Haltéro loisir')).toHaveCount(1);
  await expect(page.getByLabel('Nom du groupe')).toHaveValue('');
  const loisir = card(page, 'Haltéro loisir');
  await expect(loisir.getByTestId('group-no-athletes')).toBeVisible();
  await page.getByLabel('Nom du groupe').fill('haltero LOISIR');
  await page.getByRole('button', { name: 'Créer le groupe' }).click();
  await expect(page.locator('#field-name-error')).toContainText('Ce nom est déjà pris');
  await expect(page.getByLabel('Nom du groupe')).toHaveAttribute('aria-invalid', 'true');

  // Tom joins it.
  await loisir.getByLabel('Ajouter un athlète').selectOption({ label: 'Tom Arnaud' });
  await loisir.getByRole('button', { name: 'Ajouter au groupe Haltéro loisir' }).click();
  await expect(loisir.getByTestId('group-athlete')).toHaveCount(1);
  await expect(loisir.getByTestId('group-athlete')).toContainText('Tom Arnaud');
  await expect(loisir.getByTestId('group-count')).toHaveText('1 athlète(s)');

  // The roster offers the group and filters by it.
  await open(page, '/athletes');
  await filterRosterByGroup(page, 'Haltéro loisir');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('ARNAUD Tom');
  await expect(rows(page).first()).toContainText('Haltéro loisir');

  // Renamed in place.
  await open(page, '/athletes/groups');
  await page.getByRole('button', { name: 'Renommer le groupe Haltéro loisir' }).click();
  await page.getByLabel('Nouveau nom').fill('Loisir adultes');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const adults = card(page, 'Loisir adultes');
  await expect(adults).toHaveCount(1);
  await expect(card(page, 'Haltéro loisir')).toHaveCount(0);
  await expect(adults.getByTestId('group-athlete')).toContainText('Tom Arnaud');

  // Taken out, then back in.
  await adults.getByRole('button', { name: 'Retirer Tom Arnaud du groupe Loisir adultes' }).click();
  await expect(adults.getByTestId('group-no-athletes')).toBeVisible();
  await adults.getByLabel('Ajouter un athlète').selectOption({ label: 'Tom Arnaud' });
  await adults.getByRole('button', { name: 'Ajouter au groupe Loisir adultes' }).click();
  await expect(adults.getByTestId('group-athlete')).toContainText('Tom Arnaud');

  // Archived: after the active groups, with a badge, out of the roster's filter.
  await page.getByRole('button', { name: 'Archiver le groupe Loisir adultes' }).click();
  await expect(adults.getByTestId('group-archived')).toHaveText('Archivé');
  await expect(adults).toHaveAttribute('data-archived', 'true');
  await expect(cards(page).last()).toContainText('Loisir adultes');
  await expect(adults.getByTestId('group-athlete')).toContainText('Tom Arnaud');
  await expect(adults.getByRole('button', { name: /^Retirer/ })).toHaveCount(0);
  await open(page, '/athletes');
  await expect(page.locator('#roster-group option', { hasText: 'Loisir adultes' })).toHaveCount(0);
  await expect(page.locator('#roster-group option', { hasText: 'Juniors' })).toHaveCount(1);

  // Restored.
  await open(page, '/athletes/groups');
  await page.getByRole('button', { name: 'Restaurer le groupe Loisir adultes' }).click();
  await expect(card(page, 'Loisir adultes').getByTestId('group-archived')).toHaveCount(0);
  await expect(card(page, 'Loisir adultes')).toHaveAttribute('data-archived', 'false');

  // The duplicate name answered 422 on purpose.
  console.check([422]);
});

test('an athlete opens neither the groups nor the import, and the server refuses them', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.athlete, DEMO_PASSWORD);
  for (const path of ['/athletes/groups', '/athletes/import', '/athletes/new']) {
    await open(page, path);
    await expect(page.getByTestId('forbidden')).toHaveText('Cette page est réservée aux entraîneurs du club.');
  }
  const refused = await page.request.post('/api/import_athletes', { form: { content: 'prénom,nom,sexe\nAna,Refus,F\n' } });
  expect(refused.status()).toBe(403);
  const group = await page.request.post('/api/create_group', { form: { name: 'Refusé' } });
  expect(group.status()).toBe(403);
  // The pages' own calls were refused on purpose.
  console.check([403]);
});
