import { expect, test, type Page } from '@playwright/test';
import { hydrated, open, signUp, unique, watchConsole } from './helpers';

async function invite(page: Page, email: string, roleLabel: string): Promise<string> {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Rôle', { exact: true }).selectOption({ label: roleLabel });
  await page.getByRole('button', { name: "Créer l'invitation" }).click();
  const link = page.getByTestId('invite-link');
  await expect(link).toHaveValue(/\/invite\/[0-9a-f]{64}$/);
  await expect(page.getByTestId('pending-invitation').filter({ hasText: email })).toBeVisible();
  return link.inputValue();
}

/** After joining a club: the home page, hydrated, with the joined club as the current one. */
async function landedInClub(page: Page, clubName: string) {
  await page.waitForURL('/');
  await hydrated(page);
  await expect(page.getByTestId('current-club')).toHaveText(clubName);
}

test('a club is created, a coach invited and limited, roles changed, invitations revoked', async ({ page, browser }) => {
  const ownerConsole = watchConsole(page);
  const clubName = unique('Haltéro Test');
  const password = 'owner password 1';
  await signUp(page, clubName, 'Odile Owner', `${unique('owner')}@club.test`, password);
  await expect(page.getByTestId('current-club')).toHaveText(clubName);
  await expect(page.getByTestId('home-role')).toContainText('Propriétaire');

  // Invite a coach; the link is shown to copy (there is no mail server).
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Club' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Club');
  await hydrated(page);
  const coachEmail = `${unique('coach')}@club.test`;
  const link = await invite(page, coachEmail, 'Coach');

  // The coach opens it in another browser, creates an account and lands in the club as coach.
  const coachContext = await browser.newContext({ locale: 'fr-FR' });
  const coach = await coachContext.newPage();
  const coachConsole = watchConsole(coach);
  await coach.goto(link);
  await hydrated(coach);
  await expect(coach.getByRole('heading', { level: 1 })).toHaveText(`Rejoindre ${clubName}`);
  await expect(coach.getByText(`Invitation pour ${coachEmail}`)).toBeVisible();
  await coach.locator('input[name=display_name]').fill('Cyril Coach');
  await coach.locator('input[name=password]').fill('coach password 1');
  await coach.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();
  await landedInClub(coach, clubName);
  await expect(coach.getByTestId('home-role')).toContainText('Coach');

  // The coach does not see the club settings, cannot open them, and the server refuses.
  const coachNav = coach.getByRole('navigation', { name: 'Navigation principale' });
  await expect(coachNav.getByRole('link', { name: 'Catalogue' })).toBeVisible();
  await expect(coachNav.getByRole('link', { name: 'Club', exact: true })).toHaveCount(0);
  await open(coach, '/club');
  await expect(coach.getByTestId('forbidden')).toHaveText('Cette page est réservée aux administrateurs du club.');
  const refused = await coach.request.post('/api/club_members');
  expect(refused.status()).toBe(403);
  const refusedInvite = await coach.request.post('/api/invite', { form: { email: 'x@club.test', role: 'coach' } });
  expect(refusedInvite.status()).toBe(403);

  // The link was single-use.
  const reuse = await coachContext.newPage();
  const reuseConsole = watchConsole(reuse);
  await open(reuse, link);
  await expect(reuse.getByTestId('invitation-unusable')).toHaveText('Cette invitation a déjà été utilisée.');

  // The owner makes the coach an athlete; the change survives a reload.
  await page.reload();
  await hydrated(page);
  const coachRow = page.getByTestId('member-row').filter({ hasText: coachEmail });
  await coachRow.getByLabel('Rôle de Cyril Coach').selectOption({ label: 'Athlète' });
  await expect(page.getByTestId('toast').filter({ hasText: 'Le rôle de Cyril Coach est maintenant : Athlète.' })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId('member-row').filter({ hasText: coachEmail }).getByLabel('Rôle de Cyril Coach')).toHaveValue('athlete');

  // The owner revokes a pending invitation; its link stops working.
  const revokedEmail = `${unique('later')}@club.test`;
  const revokedLink = await invite(page, revokedEmail, 'Athlète');
  await page.getByRole('button', { name: `Annuler l'invitation de ${revokedEmail}` }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Invitation de ${revokedEmail} annulée.` })).toBeVisible();
  await expect(page.getByTestId('pending-invitation').filter({ hasText: revokedEmail })).toHaveCount(0);
  await open(reuse, revokedLink);
  await expect(reuse.getByTestId('invitation-unusable')).toHaveText('Cette invitation a été annulée.');

  // The last owner cannot be demoted.
  const ownerRow = page.getByTestId('member-row').filter({ hasText: 'Odile Owner' });
  await ownerRow.getByLabel('Rôle de Odile Owner').selectOption({ label: 'Administrateur' });
  await expect(page.getByTestId('toast').filter({ hasText: 'Un club garde toujours au moins un propriétaire' })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId('member-row').filter({ hasText: 'Odile Owner' }).getByLabel('Rôle de Odile Owner')).toHaveValue('owner');

  // Log out: the session ends and member pages send back to the login page.
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL('/login');
  await page.goto('/club');
  await expect(page).toHaveURL(/\/login\?next=\/club$/);

  ownerConsole.check([409]);
  // The refused members page answers 403.
  coachConsole.check([403]);
  reuseConsole.check();
  await coachContext.close();
});

test('log out everywhere ends the sessions of every device', async ({ page, browser }) => {
  const console = watchConsole(page);
  const email = `${unique('everywhere')}@club.test`;
  await signUp(page, unique('Club Everywhere'), 'Eve Everywhere', email, 'everywhere pw 1');
  const other = await browser.newContext({ locale: 'fr-FR' });
  const second = await other.newPage();
  await open(second, '/login');
  await second.locator('input[name=email]').fill(email);
  await second.locator('input[name=password]').fill('everywhere pw 1');
  await second.locator('main form button[type=submit]').click();
  await second.waitForURL('/');

  await open(page, '/account');
  await page.getByRole('button', { name: 'Se déconnecter de tous les appareils' }).click();
  await page.waitForURL('/login');
  await second.goto('/');
  await expect(second).toHaveURL(/\/login/);
  console.check();
  await other.close();
});

test('an invitation is for its email, unless the admin opens the link to anyone', async ({ page, browser }) => {
  const console = watchConsole(page);
  const clubName = unique('Club Lien');
  await signUp(page, clubName, 'Lou Lien', `${unique('owner')}@club.test`, 'owner password 1');
  await open(page, '/club');
  const invited = `${unique('invited')}@club.test`;
  const link = await invite(page, invited, 'Athlète');

  // Someone logged in with another account gets nowhere with a link that was passed on.
  const otherContext = await browser.newContext({ locale: 'fr-FR' });
  const other = await otherContext.newPage();
  const otherConsole = watchConsole(other);
  await signUp(other, unique('Club Autre'), 'Otto Other', `${unique('other')}@club.test`, 'other password 1');
  await open(other, link);
  await expect(other.getByTestId('invitation-wrong-account')).toContainText(invited);
  await expect(other.getByRole('button', { name: 'Rejoindre le club' })).toHaveCount(0);

  // An invitation the owner opens to anyone with the link: the other account joins with it.
  await page.getByLabel('Toute personne ayant le lien peut rejoindre le club').check();
  const openLink = await invite(page, `${unique('anyone')}@club.test`, 'Athlète');
  await open(other, openLink);
  await other.getByRole('button', { name: 'Rejoindre le club' }).click();
  // Now in two clubs, the club switcher shows the joined one.
  await landedInClub(other, clubName);

  // Someone without an account creates one with their own email through an open link.
  await page.getByLabel('Toute personne ayant le lien peut rejoindre le club').check();
  const anotherLink = await invite(page, `${unique('anyone')}@club.test`, 'Athlète');
  const visitorContext = await browser.newContext({ locale: 'fr-FR' });
  const visitor = await visitorContext.newPage();
  const visitorConsole = watchConsole(visitor);
  await open(visitor, anotherLink);
  await expect(visitor.getByText('Toute personne ayant ce lien peut rejoindre le club.')).toBeVisible();
  await visitor.getByLabel('Adresse e-mail').fill(`${unique('visitor')}@club.test`);
  await visitor.getByLabel('Votre nom').fill('Vic Visitor');
  await visitor.getByLabel('Mot de passe').fill('visitor password 1');
  await visitor.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();
  await landedInClub(visitor, clubName);

  console.check();
  otherConsole.check();
  visitorConsole.check();
  await otherContext.close();
  await visitorContext.close();
});
