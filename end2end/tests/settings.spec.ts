import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, hydrated, logIn, open, signUp, unique, watchConsole } from './helpers';

/** Waits until the settings editor (a lazy island) is wired: its Save button works from then on. */
async function editorReady(page: Page) {
  await hydrated(page);
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-ready', 'true');
}

async function openSettings(page: Page) {
  await open(page, '/club/training');
  await editorReady(page);
}

const save = (page: Page) => page.getByRole('button', { name: 'Enregistrer les réglages' });
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('an owner edits the plates, the rounding and the ratios; refused values are shown and not saved', async ({ page }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club réglages'), 'Rita Réglages', `${unique('owner')}@club.test`, 'owner password 1');

  // From the club page, a tab leads to the training settings.
  await open(page, '/club');
  await page.getByRole('navigation', { name: 'Rubriques du club' }).getByRole('link', { name: "Réglages d'entraînement" }).click();
  await page.waitForURL('/club/training');
  await editorReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Réglages d'entraînement");
  await expect(page.getByTestId('settings-defaults')).toBeVisible();
  await expect(field(page, 'Barre hommes (kg)')).toHaveValue('20');
  await expect(field(page, 'Barre femmes (kg)')).toHaveValue('15');
  await expect(field(page, 'Un collier (kg)')).toHaveValue('2,5');
  await expect(page.getByTestId('plate-row')).toHaveCount(10);
  await expect(page.getByTestId('ratio-row')).toHaveCount(10);

  // A second tab of the same admin, still on the defaults: it will be out of date.
  const stale = await page.context().newPage();
  const staleConsole = watchConsole(stale);
  await openSettings(stale);

  // An odd number of plates: refused next to the field, nothing saved.
  const count25 = field(page, 'Nombre de disques de 25 kg');
  await expect(count25).toHaveValue('8');
  await count25.fill('7');
  await save(page).click();
  await expect(page.getByTestId('error-plates[0].count')).toHaveText(
    'Les disques se chargent par paires : indiquez un nombre pair.',
  );
  await expect(count25).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('form-alert')).toContainText('Rien n\'a été enregistré.');
  // Not a number: said next to the field without asking the server.
  await field(page, 'Barre hommes (kg)').fill('vingt');
  await save(page).click();
  await expect(page.getByTestId('error-bar_men')).toHaveText('Indiquez un nombre, par exemple 102,5.');
  await expect(page.getByTestId('error-plates[0].count')).toHaveText('');
  await page.reload();
  await editorReady(page);
  await expect(field(page, 'Nombre de disques de 25 kg')).toHaveValue('8');
  await expect(field(page, 'Barre hommes (kg)')).toHaveValue('20');
  await expect(page.getByTestId('settings-defaults')).toBeVisible();

  // The live example follows the step: 80 % of 102 kg = 81.6 kg.
  const menLoad = page.getByTestId('example-men-load');
  const menDetail = page.getByTestId('example-men-detail');
  await expect(page.getByTestId('step-hint')).toHaveText('Laissez vide pour suivre les disques : 1 kg avec ces disques.');
  await expect(menLoad).toHaveText('82 kg');
  await expect(menDetail).toHaveText('Par côté : 25 kg + 2,5 kg + 1 kg');
  await expect(page.getByTestId('example-women-load')).toHaveText('82 kg');
  await expect(page.getByTestId('example-women-detail')).toHaveText('Par côté : 25 kg + 5 kg + 1 kg');
  const step = field(page, "Pas d'arrondi (kg)");
  await step.fill('2,5');
  await expect(menLoad).toHaveText('82,5 kg');
  await expect(menDetail).toHaveText('Les disques du club ne permettent pas de monter cette charge.');
  await step.fill('5');
  await expect(menLoad).toHaveText('80 kg');
  await expect(menDetail).toHaveText('Par côté : 25 kg + 2,5 kg');
  await field(page, 'Arrondir les charges').selectOption({ label: 'Toujours vers le haut' });
  await expect(menLoad).toHaveText('85 kg');
  await field(page, 'Arrondir les charges').selectOption({ label: 'Au pas le plus proche (à mi-chemin, vers le haut)' });
  await step.fill('');
  await expect(menLoad).toHaveText('82 kg');

  // An even count, a pair of 0.25 kg plates (the plates now give a 0.5 kg step), another men's bar.
  await field(page, 'Nombre de disques de 25 kg').fill('10');
  await page.getByRole('button', { name: 'Ajouter un disque' }).click();
  await expect(page.getByTestId('plate-row')).toHaveCount(11);
  const newWeight = field(page, 'Poids des disques de la ligne 11 (kg)');
  await expect(newWeight).toBeFocused();
  await newWeight.fill('0,25');
  await expect(field(page, 'Nombre de disques de 0,25 kg')).toHaveValue('2');
  await expect(page.getByTestId('plate-row').nth(10).getByTestId('plate-colour')).toHaveText('Sans couleur IWF');
  await expect(page.getByTestId('step-hint')).toHaveText('Laissez vide pour suivre les disques : 0,5 kg avec ces disques.');
  await expect(menLoad).toHaveText('81,5 kg');
  await expect(menDetail).toHaveText('Par côté : 25 kg + 2,5 kg + 0,5 kg + 0,25 kg');
  await field(page, 'Barre hommes (kg)').fill('15');

  // A row added then removed with the keyboard leaves nothing behind.
  await page.getByRole('button', { name: 'Ajouter un disque' }).press('Enter');
  await expect(page.getByTestId('plate-row')).toHaveCount(12);
  await page.getByRole('button', { name: 'Retirer la ligne de disques 12' }).press('Enter');
  await expect(page.getByTestId('plate-row')).toHaveCount(11);

  // A ratio: hang snatch = 0.9 × snatch.
  await page.getByRole('button', { name: 'Ajouter un ratio' }).click();
  await expect(page.getByTestId('ratio-row')).toHaveCount(11);
  await field(page, 'Exercice du ratio 11').selectOption({ label: 'Arraché suspendu' });
  await field(page, 'Coefficient du ratio 11').fill('0,9');
  await field(page, 'Exercice de référence du ratio 11').selectOption({ label: 'Arraché' });
  await field(page, 'Les athlètes peuvent enregistrer eux-mêmes leurs max d\'entraînement').check();

  await save(page).click();
  await page.waitForURL(/\/club\/training\?saved=1$/);
  await editorReady(page);
  await expect(page.getByTestId('settings-saved')).toHaveText("Réglages d'entraînement enregistrés.");
  await expect(page.getByTestId('settings-defaults')).toHaveCount(0);

  // Everything was kept.
  await page.reload();
  await editorReady(page);
  await expect(field(page, 'Barre hommes (kg)')).toHaveValue('15');
  await expect(field(page, 'Nombre de disques de 25 kg')).toHaveValue('10');
  await expect(page.getByTestId('plate-row')).toHaveCount(11);
  await expect(field(page, 'Poids des disques de la ligne 11 (kg)')).toHaveValue('0,25');
  await expect(field(page, 'Nombre de disques de 0,25 kg')).toHaveValue('2');
  await expect(page.getByTestId('ratio-row')).toHaveCount(11);
  await expect(field(page, 'Exercice du ratio 11').locator('option:checked')).toHaveText('Arraché suspendu');
  await expect(field(page, 'Coefficient du ratio 11')).toHaveValue('0,9');
  await expect(field(page, 'Exercice de référence du ratio 11').locator('option:checked')).toHaveText('Arraché');
  await expect(field(page, 'Les athlètes peuvent enregistrer eux-mêmes leurs max d\'entraînement')).toBeChecked();
  await expect(page.getByTestId('step-hint')).toContainText('0,5 kg');

  // A ratio based on itself is refused by the server, next to its base.
  await field(page, 'Exercice de référence du ratio 11').selectOption({ label: 'Arraché suspendu' });
  await save(page).click();
  await expect(page.getByTestId('error-ratios[10].base')).toHaveText(
    'Un exercice ne peut pas être calculé à partir de lui-même.',
  );

  // The tab opened on the defaults cannot overwrite the saved settings.
  await save(stale).click();
  await expect(stale.getByTestId('form-alert')).toContainText(
    'Un autre administrateur a enregistré ces réglages entre-temps.',
  );
  await Promise.all([
    stale.waitForEvent('load'),
    stale.getByRole('button', { name: 'Recharger la page' }).click(),
  ]);
  await editorReady(stale);
  await expect(field(stale, 'Barre hommes (kg)')).toHaveValue('15');

  console.check([422]);
  staleConsole.check([409]);
});

test('a coach reads the training settings without changing them; an athlete is refused', async ({ page, browser }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await openSettings(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Réglages d'entraînement");
  await expect(page.getByTestId('settings-read-only')).toHaveText(
    'Seuls les administrateurs du club peuvent modifier ces réglages.',
  );
  await expect(field(page, 'Barre hommes (kg)')).toBeDisabled();
  await expect(field(page, 'Nombre de disques de 25 kg')).toBeDisabled();
  await expect(page.getByTestId('ratio-exercise').first()).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Enregistrer les réglages' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ajouter un disque' })).toHaveCount(0);
  await expect(page.getByTestId('remove-plate')).toHaveCount(0);
  await expect(page.getByTestId('club-tabs')).toHaveCount(0);
  // The live example still works for a coach.
  await expect(page.getByTestId('example-men-load')).toHaveText(/^\d+(,\d+)? kg$/);
  console.check();

  const athleteContext = await browser.newContext({ locale: 'fr-FR' });
  const athlete = await athleteContext.newPage();
  const athleteConsole = watchConsole(athlete);
  await logIn(athlete, DEMO.athlete, DEMO_PASSWORD);
  await open(athlete, '/club/training');
  await expect(athlete.getByTestId('forbidden')).toBeVisible();
  await expect(athlete.getByTestId('settings-form')).toHaveCount(0);
  // The refused page answers 403.
  athleteConsole.check([403]);
  await athleteContext.close();
});
