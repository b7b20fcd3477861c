// How every browser script of DropIt launches Chromium: Debian's build (CHROMIUM to use
// another), headless, without the background traffic that would blur a measurement. Shared by
// the journeys (playwright.config.ts), the page-weight measure and the screenshots.
// CommonJS, so that both the TypeScript config and the ES-module scripts can load it.
module.exports.launchOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
