import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'dropit-demo';
export const DEMO = {
  owner: 'owner@demo.dropit.club',
  coach: 'coach@demo.dropit.club',
  athlete: 'athlete@demo.dropit.club',
};

/** A unique suffix, so journeys never collide on emails or club names. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * Records console errors and uncaught exceptions of a page. `check` fails the journey on any of
 * them, except the browser's own "Failed to load resource" line for HTTP statuses the journey
 * provokes on purpose (e.g. 401 for a wrong password).
 */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return {
    check(expectedStatuses: number[] = []) {
      const unexpected = errors.filter((text) => {
        const m = text.match(/Failed to load resource: the server responded with a status of (\d+)/);
        return !(m && expectedStatuses.includes(Number(m[1])));
      });
      expect(unexpected, 'browser console errors').toEqual([]);
    },
  };
}

/** Opens a page and waits until the WASM has hydrated it. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

export async function logIn(page: Page, email: string, password: string) {
  await open(page, '/login');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await hydrated(page);
}

/** Creates a club through the sign-up form; the new owner lands on the home page. */
export async function signUp(page: Page, club: string, name: string, email: string, password: string) {
  await open(page, '/signup');
  await page.locator('input[name=club_name]').fill(club);
  await page.locator('input[name=display_name]').fill(name);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL('/');
  await hydrated(page);
}
