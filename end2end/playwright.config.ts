import { defineConfig } from '@playwright/test';
import { launchOptions } from './chromium.cjs';

// DropIt's release build on a fresh SQLite file, seeded with the demo club.
const port = 3100;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'fr-FR',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  webServer: {
    cwd: '..',
    command:
      'rm -rf end2end/.data && mkdir -p end2end/.data && target/release/dropit migrate && exec target/release/dropit serve',
    url: `${baseURL}/readyz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_URL: 'sqlite://end2end/.data/e2e.db',
      DROPIT_MEDIA_DIR: 'end2end/.data/media',
      DROPIT_LISTEN: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: 'target/site',
      DROPIT_DEMO: 'true',
      // The journeys sign up a club each, all from this machine.
      DROPIT_SIGNUPS_PER_HOUR: '1000',
      DROPIT_LOG: 'warn',
    },
  },
});
