import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, hydrated, logIn, open, signUp, unique, watchConsole } from './helpers';

/** The page is no wider than the screen: nothing to scroll sideways. */
async function fitsTheScreen(page: Page) {
  const { scroll, screen } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }));
  expect(scroll, 'page width on a phone').toBeLessThanOrEqual(screen);
}

test('long names in a select do not widen the page on a phone', async ({ page, browser }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club Étroit'), 'Nadia Narrow', `${unique('owner')}@club.test`, 'owner password 1');

  // A group with a long name: the roster's group filter lists it.
  // (Within the 60 characters a group's name may have.)
  const group = `Haltérophiles confirmés du mercredi soir ${unique('g')}`;
  await open(page, '/athletes/groups');
  await page.getByLabel('Nom du groupe').fill(group);
  await page.getByRole('button', { name: 'Créer le groupe' }).click();
  await expect(page.getByTestId('group-name').filter({ hasText: group })).toBeVisible();

  // A member with a long e-mail, who joins by invitation: "link to a member" lists it.
  const email = `${unique('prenom.nom.de.famille.tres.long.pour.un.telephone')}@exemple-de-club.test`;
  await open(page, '/club');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Athlète' });
  await page.getByRole('button', { name: "Créer l'invitation" }).click();
  await expect(page.getByTestId('invite-link')).toHaveValue(/\/invite\/[0-9a-f]{64}$/);
  const link = await page.getByTestId('invite-link').inputValue();
  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const member = await memberContext.newPage();
  await open(member, link);
  await member.getByLabel('Votre nom').fill('Marius Member');
  await member.getByLabel('Mot de passe').fill('member password 1');
  await member.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();
  await member.waitForURL('/');
  await memberContext.close();

  // An athlete without an account, whose page offers the link.
  await open(page, '/athletes/new');
  await page.getByLabel('Prénom').fill('Inès');
  await page.getByLabel('Nom', { exact: true }).fill(unique('Courte'));
  await page.getByLabel('Femmes').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('athlete-name')).toBeVisible();
  await hydrated(page);
  const athletePage = page.url();

  await page.setViewportSize({ width: 360, height: 780 });
  await open(page, '/athletes');
  await expect(page.getByLabel('Groupe', { exact: true }).locator('option', { hasText: group })).toHaveCount(1);
  await fitsTheScreen(page);
  await open(page, athletePage);
  await expect(page.getByLabel('Relier à un membre', { exact: true }).locator('option', { hasText: email })).toHaveCount(1);
  await fitsTheScreen(page);
  console.check();
});

test('a missing record, or one of another club, answers 404 with the not-found card', async ({ page, browser }) => {
  // An athlete and an exercise of the demo club, as its coach sees them.
  const coachContext = await browser.newContext({ locale: 'fr-FR' });
  const coach = await coachContext.newPage();
  await logIn(coach, DEMO.coach, DEMO_PASSWORD);
  await open(coach, '/athletes');
  const athlete = await coach.getByTestId('roster-row').first().getByRole('link').first().getAttribute('href');
  expect(athlete).toMatch(/^\/athletes\/\d+$/);
  const demoAthlete = await coach.goto(athlete!);
  expect(demoAthlete?.status()).toBe(200);
  // Leaving a page while its code still downloads can leave the next page's request for the same
  // file waiting on Chromium's cache lock (seconds): let it hydrate first.
  await hydrated(coach);
  await open(coach, '/catalogue');
  const exercise = await coach.locator('a[href^="/catalogue/exercises/"]').first().getAttribute('href');
  expect(exercise).toMatch(/^\/catalogue\/exercises\/\d+$/);
  await coachContext.close();

  const console = watchConsole(page);
  await signUp(page, unique('Club Voisin'), 'Victor Voisin', `${unique('owner')}@club.test`, 'owner password 1');
  for (const path of [athlete!, exercise!, `${athlete}/edit`, '/athletes/987654321', '/catalogue/exercises/987654321', '/catalogue/complexes/987654321']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByTestId('not-found'), path).toBeVisible();
  }
  console.check([404]);
});

test('the 1RM estimate says it is rounded down to a loadable weight, beside the formula', async ({ page }) => {
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await open(page, '/athletes');
  await page.getByTestId('roster-row').first().getByRole('link').first().click();
  await hydrated(page);
  await page.getByTestId('estimator').locator('summary').click();
  await page.getByLabel('Charge de la série (kg)').fill('100');
  await page.getByLabel('Répétitions (1 à 12)').fill('5');
  await expect(page.getByTestId('use-epley')).toHaveText('Epley : 116,5 kg');
  await expect(page.getByTestId('estimate-exact')).toContainText('Epley 116,7 kg');
  await expect(page.getByTestId('estimate-exact')).toContainText('arrondissent à 0,5 kg en dessous');
  await page.getByTestId('use-epley').click();
  await expect(page.getByTestId('max-form').getByLabel('Charge (kg)')).toHaveValue('116.5');
});
