import { expect, test } from '@playwright/test';
import { hydrated, open, signUp, unique, watchConsole } from './helpers';

// A name that closes the title and runs a script, were it ever written raw into a page.
const HOSTILE = '</title><img src=x onerror="window.__xss=1">';

test('a hostile athlete or exercise name stays text: in the title, the page and the lists, and no script runs', async ({ page }) => {
  const console = watchConsole(page);
  await signUp(page, unique('Club sûr'), 'Sam Sûr', `${unique('owner')}@club.test`, 'owner password 1');

  // An athlete named to attack every coach who opens their page.
  await open(page, '/athletes/new');
  await page.getByLabel('Prénom').fill('Eve');
  await page.getByLabel('Nom', { exact: true }).fill(HOSTILE);
  await page.getByLabel('Femmes').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('athlete-name')).toHaveText(`Eve ${HOSTILE}`);
  await hydrated(page);
  await page.reload();
  await hydrated(page);
  await expect(page).toHaveTitle(`Eve ${HOSTILE} · DropIt`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('img[src=x]')).toHaveCount(0);
  await open(page, '/athletes');
  await expect(page.getByText(HOSTILE).first()).toBeVisible();

  // An exercise with the same name: its page, then the catalogue searched for it.
  await open(page, '/catalogue/new');
  await page.getByLabel('Nom en français').fill(HOSTILE);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/catalogue\/exercises\/\d+$/);
  await hydrated(page);
  await expect(page).toHaveTitle(`${HOSTILE} · DropIt`);
  await open(page, '/catalogue');
  await page.getByLabel('Rechercher').fill('title img');
  await expect(page.getByText(HOSTILE).first()).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('img[src=x]')).toHaveCount(0);
  // Hydration ran under the nonce policy without a single refused script.
  console.check();
});
