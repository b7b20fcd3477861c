import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO, DEMO_PASSWORD, hydrated, logIn, open, signUp, unique, watchConsole } from './helpers';

const items = (page: Page) => page.getByTestId('exercise-item');

async function search(page: Page, text: string) {
  await page.getByLabel('Rechercher').fill(text);
}

/** Opens a section of the catalogue through the catalogue's own navigation. */
async function openCatalogueSection(page: Page, name: string) {
  await open(page, '/catalogue');
  await page.getByRole('navigation', { name: 'Sections du catalogue' }).getByRole('link', { name }).click();
  await hydrated(page);
}

test('search tolerates typos, finds English and short names, and the address keeps the query', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Catalogue' }).click();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Catalogue');
  // Every new club starts with the default catalogue.
  await expect(page.getByTestId('catalogue-count')).toHaveText('72 exercice(s) trouvé(s) sur 72');
  // A first page, then the rest on request.
  await expect(items(page)).toHaveCount(60);
  await page.getByRole('button', { name: 'Afficher 12 de plus' }).click();
  await expect(items(page)).toHaveCount(72);

  await search(page, 'arache');
  await expect(items(page).first()).toContainText('Arraché');
  await expect(page).toHaveURL(/\/catalogue\?q=arache$/);
  // The address follows the typing before the results arrive: wait for the filtered list.
  await expect.poll(() => items(page).count()).toBeLessThan(30);

  await search(page, 'TLA');
  await expect(items(page).first()).toContainText("Tirage lourd d'arraché");

  await search(page, 'front squat');
  await expect(items(page).first()).toContainText('Squat clavicules');

  // Filters combine with the search, and a reload shows the same view.
  await search(page, 'snatch');
  await expect(items(page).first()).toContainText('Arraché');
  await page.getByLabel('Matériel').selectOption({ label: 'Plots' });
  await expect(items(page)).toHaveCount(2);
  await expect(page).toHaveURL(/q=snatch&equipment=\d+/);
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Rechercher')).toHaveValue('snatch');
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).filter({ hasText: 'Arraché départ plots' })).toHaveCount(1);

  await search(page, 'zzzz');
  await expect(page.getByTestId('catalogue-empty')).toBeVisible();
  console.check();
});

test('a coach creates, corrects, edits, archives and deletes exercises', async ({ page }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club catalogue'), 'Carla Coach', `${unique('owner')}@club.test`, 'owner password 1');
  await open(page, '/catalogue');
  await page.getByTestId('new-exercise').click();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvel exercice');

  // Nothing typed: the name is required, said next to it.
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#field-name_fr-error')).toHaveText('Ce champ est obligatoire.');
  await expect(page.locator('#field-name_fr')).toHaveAttribute('aria-invalid', 'true');

  // A name the club already has (without its accent): refused, naming the existing exercise.
  await page.getByLabel('Nom en français').fill('arrache');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#field-name_fr-error')).toHaveText('Ce nom est déjà pris par « Arraché ».');

  // A bad video link is refused too; fixed, the exercise is created.
  await page.getByLabel('Nom en français').fill('Arraché élastiques');
  await page.getByLabel('Nom en anglais').fill('Banded snatch');
  await page.getByLabel('Abréviation').fill('AE');
  await page.getByLabel('Catégorie').selectOption({ label: 'Arraché' });
  await page.getByLabel('Lien vers une vidéo').fill('pas une adresse');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#field-video_url-error')).toHaveText('Indiquez une adresse web complète (https://…).');
  await expect(page.locator('#field-name_fr-error')).toHaveText('');
  await page.getByLabel('Lien vers une vidéo').fill('https://videos.example/banded-snatch');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/catalogue\/exercises\/\d+$/);
  await hydrated(page);
  await expect(page.getByTestId('exercise-name')).toHaveText('Arraché élastiques');
  await expect(page.getByRole('definition').filter({ hasText: 'Banded snatch' })).toBeVisible();
  await expect(page.getByText('Aucun complexe n\'utilise cet exercice')).toBeVisible();

  // Edit it.
  await page.getByRole('link', { name: 'Modifier' }).click();
  await hydrated(page);
  await expect(page.getByLabel('Nom en anglais')).toHaveValue('Banded snatch');
  await page.getByLabel('Nom en anglais').fill('Band-resisted snatch');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/catalogue\/exercises\/\d+$/);
  await hydrated(page);
  await expect(page.getByRole('definition').filter({ hasText: 'Band-resisted snatch' })).toBeVisible();

  // It is found by its new English name.
  await open(page, '/catalogue?q=resisted');
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toContainText('Arraché élastiques');

  // An exercise used by a complex can be archived but not deleted; its complex stays intact.
  await open(page, '/catalogue?q=arrache');
  await items(page).filter({ hasText: /^Arraché\s*Snatch/ }).first().click();
  await hydrated(page);
  await expect(page.getByTestId('exercise-name')).toHaveText('Arraché');
  await expect(page.getByTestId('used-in')).toContainText("Tirage lourd d'arraché + Arraché");
  await expect(page.getByRole('button', { name: 'Supprimer' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Archiver' }).click();
  await expect(page.getByTestId('archived-badge')).toBeVisible();
  await expect(page.getByTestId('used-in')).toContainText("Tirage lourd d'arraché + Arraché");
  // Archived: out of the list, in the archived view.
  await open(page, '/catalogue?q=arrache');
  await expect(items(page).filter({ hasText: /^Arraché\s*Snatch/ })).toHaveCount(0);
  await page.getByLabel('Affichage').selectOption('archived');
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toContainText('Archivé');
  await items(page).first().click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Restaurer' }).click();
  await expect(page.getByTestId('archived-badge')).toHaveCount(0);

  // An unused exercise is deleted after confirmation.
  await open(page, '/catalogue?q=elastiques');
  await items(page).first().click();
  await hydrated(page);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Supprimer' }).click();
  await page.waitForURL('/catalogue');
  await hydrated(page);
  await search(page, 'elastiques');
  await expect(page.getByTestId('catalogue-empty')).toBeVisible();
  // The refused saves answered 422 on purpose.
  console.check([422]);
});

test('an athlete reads the catalogue but cannot change it', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.athlete, DEMO_PASSWORD);
  await open(page, '/catalogue');
  await expect(items(page).first()).toBeVisible();
  await expect(page.getByTestId('new-exercise')).toHaveCount(0);
  await items(page).first().click();
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Archiver' })).toHaveCount(0);
  await open(page, '/catalogue/new');
  await expect(page.getByTestId('forbidden')).toHaveText('Cette page est réservée aux entraîneurs du club.');
  // The refused page itself answers 403.
  console.check([403]);
});

const builderNames = (page: Page) => page.getByTestId('builder-movement-name');

async function addMovement(page: Page, query: string, name: string) {
  await page.getByLabel('Ajouter un mouvement').fill(query);
  await page.getByRole('button', { name: `Ajouter ${name}`, exact: true }).click();
}

test('a complex is built by searching, dragging and the keyboard, and survives an archived movement', async ({ page }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club complexes'), 'Chloé Coach', `${unique('owner')}@club.test`, 'owner password 1');
  await openCatalogueSection(page, 'Complexes');
  // The default catalogue brings classic complexes.
  expect(await page.getByTestId('complex-item').count()).toBeGreaterThanOrEqual(8);
  await page.getByTestId('new-complex').click();
  await hydrated(page);

  // Saving an empty complex says what is missing.
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#field-movements-error')).toHaveText('Ajoutez-en au moins 2.');

  await addMovement(page, 'TLA', "Tirage lourd d'arraché");
  await addMovement(page, 'squat arrache', 'Squat arraché');
  await addMovement(page, 'arache', 'Arraché');
  await expect(builderNames(page)).toHaveText(["Tirage lourd d'arraché", 'Squat arraché', 'Arraché']);

  // Drag the snatch onto the second place.
  const rows = page.getByTestId('builder-movement');
  await rows.nth(2).dragTo(rows.nth(1));
  await expect(builderNames(page)).toHaveText(["Tirage lourd d'arraché", 'Arraché', 'Squat arraché']);

  // The keyboard moves a focused movement, and the move is announced.
  await rows.nth(0).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(builderNames(page)).toHaveText(['Arraché', "Tirage lourd d'arraché", 'Squat arraché']);
  await expect(page.getByTestId('builder-announcement')).toHaveText("Tirage lourd d'arraché : position 2 sur 3.");
  await page.getByRole('button', { name: "Monter Tirage lourd d'arraché" }).click();
  await expect(builderNames(page)).toHaveText(["Tirage lourd d'arraché", 'Arraché', 'Squat arraché']);

  // The name defaults to the movements joined by " + ".
  await expect(page.getByLabel('Nom en français')).toHaveAttribute(
    'placeholder',
    "Tirage lourd d'arraché + Arraché + Squat arraché",
  );
  await page.getByLabel('Catégorie').selectOption({ label: 'Arraché' });
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/catalogue\/complexes\/\d+$/);
  await hydrated(page);
  const complexUrl = page.url();
  await expect(page.getByTestId('complex-name')).toHaveText("Tirage lourd d'arraché + Arraché + Squat arraché");
  await expect(page.getByTestId('movement')).toHaveText([/Tirage lourd d'arraché/, /Arraché/, /Squat arraché/]);

  // Archive one of its exercises: the complex still shows it, marked archived.
  await page.getByTestId('movement').nth(2).getByRole('link').click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Archiver' }).click();
  await expect(page.getByTestId('archived-badge')).toBeVisible();
  await open(page, complexUrl);
  await expect(page.getByTestId('movement')).toHaveCount(3);
  await expect(page.getByTestId('movement').nth(2)).toContainText('Squat arraché');
  await expect(page.getByTestId('movement').nth(2)).toContainText('Archivé');

  // It can still be edited with its archived movement (reordered with the buttons).
  await page.getByRole('link', { name: 'Modifier' }).click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Monter Squat arraché' }).click();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(complexUrl);
  await hydrated(page);
  await expect(page.getByTestId('complex-name')).toHaveText("Tirage lourd d'arraché + Squat arraché + Arraché");
  // The refused empty save answered 422 on purpose.
  console.check([422]);
});

test('a catalogue exported as CSV imports into another club, and a file with a bad row imports nothing', async ({ page, browser }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club source'), 'Sam Source', `${unique('owner')}@club.test`, 'owner password 1');
  await open(page, '/catalogue/new');
  await page.getByLabel('Nom en français').fill('Arraché élastiques');
  await page.getByLabel('Nom en anglais').fill('Banded snatch');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/catalogue\/exercises\/\d+$/);

  await openCatalogueSection(page, 'Importer / exporter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter en CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^catalogue-club-source-.*\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\n')[0]).toBe('type,name_fr,name_en,short_name,category_fr,category_en,equipment_fr,equipment_en,description,video_url,archived,movements');
  expect(csv).toContain('exercise,Arraché élastiques,Banded snatch');
  expect(csv).toContain("complex,Tirage lourd d'arraché + Arraché + Squat arraché");
  console.check();

  // Another club, in another browser.
  const context = await browser.newContext({ locale: 'fr-FR' });
  const other = await context.newPage();
  const otherConsole = watchConsole(other);
  await signUp(other, unique('Club cible'), 'Tina Target', `${unique('owner')}@club.test`, 'owner password 1');
  await open(other, '/catalogue/exchange');

  // One bad row (no name) in an otherwise good file: nothing is imported, the row is reported.
  const lines = csv.trimEnd().split('\n');
  const badLine = lines.length + 1;
  const bad = `${csv.trimEnd()}\nexercise,,,,,,,,,,no,\n`;
  await other.getByLabel('Fichier').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await other.getByRole('button', { name: 'Importer', exact: true }).click();
  const report = other.getByTestId('import-report');
  await expect(report).toContainText("Le fichier n'a pas été importé : 1 problème(s)");
  await expect(other.getByTestId('import-problem')).toHaveCount(1);
  await expect(other.getByTestId('import-problem')).toHaveText(new RegExp(`^${badLine}\\s*Nom en français\\s*Ce champ est obligatoire\\.$`));
  await open(other, '/catalogue?q=elastiques');
  await expect(other.getByTestId('catalogue-empty')).toBeVisible();

  // The export itself imports: the new exercise is created, the shared catalogue updated.
  await open(other, '/catalogue/exchange');
  await other.getByLabel('Fichier').setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await other.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(other.getByTestId('import-done')).toContainText('Import terminé : 1 créé(s)');
  await open(other, '/catalogue?q=elastiques');
  await expect(other.getByTestId('exercise-item')).toHaveCount(1);
  await expect(other.getByTestId('exercise-item')).toContainText('Banded snatch');
  // The refused import answered 422 on purpose.
  otherConsole.check([422]);
  await context.close();
});

test('coaches edit the club lists of categories and equipment, and forms offer them', async ({ page }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club listes'), 'Lina Lists', `${unique('owner')}@club.test`, 'owner password 1');
  await openCatalogueSection(page, 'Catégories et matériel');
  const categories = page.getByTestId('list-category');
  const entries = categories.getByTestId('list-entry');
  await expect(entries.filter({ hasText: 'Arraché' })).toContainText('utilisation(s)');

  // Add a category; a duplicate name (without its accent) is refused, naming the existing one.
  await categories.getByLabel('Nom en français').fill('Pliometrie');
  await categories.getByLabel('Nom en anglais').fill('Plyometrics');
  await categories.getByRole('button', { name: 'Ajouter' }).click();
  await expect(entries.filter({ hasText: 'Pliometrie' })).toContainText('Plyometrics');
  await categories.getByLabel('Nom en français').fill('pliométrie');
  await categories.getByRole('button', { name: 'Ajouter' }).click();
  await expect(categories.getByRole('alert').last()).toHaveText('Ce nom est déjà pris par « Pliometrie ».');

  // Rename it.
  await categories.getByRole('button', { name: 'Renommer Pliometrie' }).click();
  await categories.getByLabel('Nom en français').first().fill('Pliométrie');
  await categories.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(entries.filter({ hasText: 'Pliométrie' })).toHaveCount(1);

  // The exercise form offers it.
  await open(page, '/catalogue/new');
  await expect(page.getByLabel('Catégorie').locator('option', { hasText: 'Pliométrie' })).toHaveCount(1);

  // Deleting a used piece of equipment leaves its exercises without one.
  await open(page, '/catalogue/lists');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('list-equipment').getByRole('button', { name: 'Supprimer Plots' }).click();
  await expect(page.getByTestId('list-equipment').getByTestId('list-entry').filter({ hasText: 'Plots' })).toHaveCount(0);
  await open(page, '/catalogue?q=block+snatch');
  await expect(items(page).first()).not.toContainText('Plots');

  // Workout categories: the club starts with five; one added is offered by the library's filter,
  // whose link leads back to this list.
  await open(page, '/workouts');
  await page.getByTestId('edit-workout-categories').click();
  await hydrated(page);
  const workoutCategories = page.getByTestId('list-workout');
  await expect(workoutCategories.getByRole('heading')).toHaveText('Catégories de séances');
  await expect(workoutCategories.getByTestId('list-entry')).toHaveCount(5);
  await workoutCategories.getByLabel('Nom en français').fill('Haltéro loisir');
  await workoutCategories.getByLabel('Nom en anglais').fill('Leisure lifting');
  await workoutCategories.getByRole('button', { name: 'Ajouter' }).click();
  await expect(workoutCategories.getByTestId('list-entry').filter({ hasText: 'Haltéro loisir' })).toContainText('Leisure lifting');
  await open(page, '/workouts');
  await expect(page.locator('#workout-category option', { hasText: 'Haltéro loisir' })).toHaveCount(1);
  // Deleting it asks first, saying what it leaves without a category.
  await open(page, '/catalogue/lists');
  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await page.getByTestId('list-workout').getByRole('button', { name: 'Supprimer Haltéro loisir' }).click();
  await expect(page.getByTestId('list-workout').getByTestId('list-entry')).toHaveCount(5);
  expect(question).toBe('Supprimer la catégorie « Haltéro loisir » ? 0 séance(s) type n\'auront plus de catégorie.');
  // The refused duplicate answered 422 on purpose.
  console.check([422]);
});

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('a coach uploads an image and sees it, a disguised file is refused, a video link plays', async ({ page }) => {
  const console = watchConsole(page);
  // No network here: the video site answers with an empty page.
  await page.route('https://www.youtube-nocookie.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<html></html>' }));
  await signUp(page, unique('Club médias'), 'Mia Media', `${unique('owner')}@club.test`, 'owner password 1');
  await open(page, '/catalogue?q=arrache');
  await items(page).first().click();
  await hydrated(page);
  await expect(page.getByTestId('exercise-name')).toHaveText('Arraché');
  const imageField = page.getByLabel('Image (PNG, JPEG ou WebP, 5 Mo au plus)');

  // Text named photo.png: refused from its content, said next to the field.
  await imageField.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await page.getByRole('button', { name: 'Envoyer' }).first().click();
  await expect(page.locator('#media-image-error')).toHaveText(
    "Ce type de fichier n'est pas accepté ici (images : PNG, JPEG, WebP ; vidéos : MP4, WebM).",
  );
  await expect(page.getByTestId('exercise-image')).toHaveCount(0);

  // A real PNG: stored, then shown.
  await imageField.setInputFiles({ name: 'arrache.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await page.getByRole('button', { name: 'Envoyer' }).first().click();
  await expect(page.getByTestId('exercise-image')).toBeVisible();
  await expect.poll(() => page.getByTestId('exercise-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(page.getByTestId('exercise-image')).toHaveAttribute('alt', 'Arraché');

  // A YouTube link becomes a player.
  await page.getByRole('link', { name: 'Modifier' }).click();
  await hydrated(page);
  await page.getByLabel('Lien vers une vidéo').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/catalogue\/exercises\/\d+$/);
  await hydrated(page);
  await expect(page.getByTestId('media').locator('iframe')).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');

  // Removing the image removes it.
  await page.getByRole('button', { name: 'Retirer' }).click();
  await expect(page.getByTestId('exercise-image')).toHaveCount(0);
  // The refused upload answered 422 on purpose.
  console.check([422]);
});
