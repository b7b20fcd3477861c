import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, open, unique, watchConsole } from './helpers';

async function attempt(page, email: string, password: string) {
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('main form button[type=submit]').click();
}

test('a wrong password shows a clear message; repeated ones slow the account down but never lock its owner out', async ({ page }) => {
  const console = watchConsole(page);
  // A fresh account of its own, so throttling it affects no other journey.
  await open(page, '/signup');
  const email = `${unique('throttle')}@club.test`;
  await page.locator('input[name=club_name]').fill(unique('Club Throttle'));
  await page.locator('input[name=display_name]').fill('Tess Throttle');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill('the right password');
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL('/');
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL('/login');

  await open(page, '/login');
  await attempt(page, email, 'not the password');
  await expect(page.getByTestId('form-alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await expect(page).toHaveURL('/login');

  for (let i = 2; i <= 5; i++) {
    await attempt(page, email, `wrong ${i}`);
    await expect(page.getByTestId('form-alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  }
  // After five failures the account makes every attempt wait a little longer, but the right
  // password still logs in: a stranger cannot lock the owner out.
  const started = Date.now();
  await attempt(page, email, 'the right password');
  await page.waitForURL('/');
  expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  console.check([401]);
});

test('sign-up shows each problem next to its field', async ({ page }) => {
  const console = watchConsole(page);
  await open(page, '/signup');
  await page.locator('input[name=email]').fill('not-an-email');
  await page.locator('input[name=password]').fill('short');
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('#field-club_name-error')).toHaveText('Ce champ est obligatoire.');
  await expect(page.locator('#field-email-error')).toHaveText("Cette adresse e-mail n'est pas valide.");
  await expect(page.locator('#field-password-error')).toHaveText('Au moins 10 caractères.');
  await expect(page.locator('input[name=email]')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL('/signup');
  // One of the first passwords an attacker tries is refused too.
  await page.locator('input[name=password]').fill('motdepasse123');
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('#field-password-error')).toHaveText(
    'Ce mot de passe fait partie des plus courants : choisissez-en un autre.',
  );
  expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(10);
  console.check([422]);
});
