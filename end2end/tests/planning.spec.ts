import { expect, request, test, type Locator, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, hydrated, logIn, open, watchConsole } from './helpers';

/** A day `days` from today, as the calendar writes days (YYYY-MM-DD, UTC as the server's). */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The next calendar month of a day's (YYYY-MM). */
function nextMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

// A month's grid fits the window: a drag's start and end are both on screen.
test.use({ viewport: { width: 1280, height: 1100 } });

const grid = (page: Page) => page.locator('[data-view=grid]');
const cell = (page: Page, day: string) => grid(page).locator(`[data-day="${day}"]`);
const cards = (page: Page, day: string, title: string) =>
  cell(page, day).getByTestId('session').filter({ hasText: title });

/** The week view's cell of a day and an hour (`18`; empty: the row of sessions without a time). */
const slot = (page: Page, day: string, hour: string) => grid(page).locator(`[data-day="${day}"][data-slot="${hour}"]`);

/** Drags a session's handle onto a day's cell with the mouse; `alt` holds Alt (a copy). */
async function drag(page: Page, card: Locator, day: string, alt = false) {
  await dragOnto(page, card, cell(page, day), alt);
}

/** Drags a session's handle onto `target` (a month's day, a week's hour) with the mouse. */
async function dragOnto(page: Page, card: Locator, target: Locator, alt = false) {
  await card.locator('[data-grip]').scrollIntoViewIfNeeded();
  const handle = await card.locator('[data-grip]').boundingBox();
  const box = await target.boundingBox();
  if (!handle || !box) throw new Error('the session or the day is not on screen');
  if (alt) await page.keyboard.down('Alt');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
  await expect(target).toHaveAttribute('data-over', '');
  await page.mouse.up();
  if (alt) await page.keyboard.up('Alt');
}

/** Plans a workout for a group on a day from that day's "+" in the month view. */
async function planFromMonth(page: Page, day: string, workout: string, group: string) {
  await open(page, `/planning?month=${monthOf(day)}`);
  await cell(page, day).getByTestId('plan-day').click();
  await hydrated(page);
  await expect(page.getByTestId('plan-date')).toHaveValue(day);
  await page.getByTestId('plan-query').fill(workout);
  await page.getByTestId('plan-query').press('Enter');
  await hydrated(page);
  await page.getByRole('radio', { name: workout }).check();
  await page.getByRole('checkbox', { name: group }).check();
  await page.getByTestId('plan-time').fill('06:45');
  await page.getByTestId('plan-submit').click();
  await page.waitForURL(/\/planning\?week=/);
  await hydrated(page);
}

test('a coach plans a session for a group, drags it, moves it with the keyboard, undoes, copies with Alt; reloads keep it all', async ({
  page,
}) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  // Days well ahead, inside one month's grid: the 10th to the 20th of next month.
  const month = nextMonth(dayFromToday(0));
  const day = `${month}-12`;
  const next = `${month}-13`;
  const later = `${month}-14`;
  const title = 'Ouvertures pré-compétition';

  await planFromMonth(page, day, title, 'Jeunes');
  // The week view shows it, with its time and group.
  const planned = page.locator(`[data-view=grid] [data-day="${day}"]`).getByTestId('session').filter({ hasText: title });
  await expect(planned).toHaveCount(1);
  await expect(planned).toContainText('06:45');
  await expect(planned.getByTestId('session-assignees')).toHaveText('Jeunes');

  // Month view: drag it to the next day with the mouse; it stays after a reload.
  await open(page, `/planning?month=${month}`);
  await drag(page, cards(page, day, title), next);
  await expect(cards(page, next, title)).toHaveCount(1);
  await expect(page.getByTestId('board-status')).toContainText('déplacée');
  await page.reload();
  await hydrated(page);
  await expect(cards(page, day, title)).toHaveCount(0);
  await expect(cards(page, next, title)).toHaveCount(1);

  // With the keyboard only: Space picks it up, → moves it a day, Enter drops it.
  await cards(page, next, title).locator('[data-grip]').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('board-status')).toContainText('prise');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('board-status')).toContainText('Sur le');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('board-status')).toContainText('déplacée');
  await page.reload();
  await hydrated(page);
  await expect(cards(page, later, title)).toHaveCount(1);

  // Escape puts a picked-up session back.
  await cards(page, later, title).locator('[data-grip]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await expect(cards(page, next, title)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(cards(page, later, title)).toHaveCount(1);
  await expect(page.getByTestId('board-status')).toContainText('revenue à sa place');

  // A move is undone from the toast, also on the server.
  await drag(page, cards(page, later, title), day);
  await expect(cards(page, day, title)).toHaveCount(1);
  await page.getByTestId('undo').click();
  await expect(cards(page, later, title)).toHaveCount(1);
  await expect(page.getByTestId('board-status')).toContainText('annulé');
  await page.reload();
  await hydrated(page);
  await expect(cards(page, later, title)).toHaveCount(1);
  await expect(cards(page, day, title)).toHaveCount(0);

  // Alt-drag copies: the session stays, a copy appears; both after a reload.
  await drag(page, cards(page, later, title), day, true);
  await expect(cards(page, day, title)).toHaveCount(1);
  await expect(cards(page, later, title)).toHaveCount(1);
  await expect(page.getByTestId('board-status')).toContainText('copiée');
  await page.reload();
  await hydrated(page);
  await expect(cards(page, day, title)).toHaveCount(1);
  await expect(cards(page, later, title)).toHaveCount(1);
  console.check();
});

test('in the week view a session is dragged to another day and hour, and moved an hour with the keyboard', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  const month = nextMonth(dayFromToday(0));
  // Two days of one week: the 15th and the 16th, unless the 15th is a Sunday (then the 9th and
  // the 10th).
  const monday = new Date(`${month}-15T00:00:00Z`).getUTCDay() === 0 ? 9 : 15;
  const day = `${month}-${monday}`;
  const next = `${month}-${monday + 1}`;
  await planFromMonth(page, day, 'Décharge', 'Jeunes');
  // The week view: planned at 06:45, it sits in the 6 o'clock row of its day.
  const planned = slot(page, day, '06').getByTestId('session').filter({ hasText: 'Décharge' });
  await expect(planned).toHaveCount(1);
  const id = await planned.getAttribute('data-session');
  const inRow = (d: string, hour: string) => slot(page, d, hour).locator(`[data-session="${id}"]`);

  // Dragged to 18:00 the next day: the card says 18:00, and so does the calendar after a reload.
  await dragOnto(page, inRow(day, '06'), slot(page, next, '18'));
  await expect(inRow(next, '18')).toHaveCount(1);
  await expect(inRow(next, '18')).toContainText('18:00');
  await expect(page.getByTestId('board-status')).toContainText('18:00');
  await page.reload();
  await hydrated(page);
  await expect(inRow(next, '18')).toHaveCount(1);
  await expect(inRow(day, '06')).toHaveCount(0);

  // With the keyboard: ↑ an hour earlier, ← a day earlier, Enter drops; it stays after a reload.
  await inRow(next, '18').locator('[data-grip]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('board-status')).toContainText('17:00');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('board-status')).toContainText('déplacée');
  await page.reload();
  await hydrated(page);
  await expect(inRow(day, '17')).toHaveCount(1);
  await expect(inRow(day, '17')).toContainText('17:00');

  // Undo puts it back at its day and hour; to the row without a time, it has none.
  await dragOnto(page, inRow(day, '17'), slot(page, day, ''));
  await expect(inRow(day, '')).toHaveCount(1);
  await expect(inRow(day, '').locator('[data-time-text]')).toHaveText('');
  await page.getByTestId('undo').click();
  await expect(inRow(day, '17')).toHaveCount(1);
  await expect(inRow(day, '17')).toContainText('17:00');
  await page.reload();
  await hydrated(page);
  await expect(inRow(day, '17')).toHaveCount(1);
  console.check();
});

test('"Move to…" sends a session to the next month, and a stale second tab gets the conflict', async ({ page, browser }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  const month = nextMonth(dayFromToday(0));
  const day = `${month}-20`;
  const title = 'Squats et tirages';
  await planFromMonth(page, day, title, 'Seniors');

  // A second tab opens the same month before the first moves the session.
  const other = await page.context().newPage();
  const otherConsole = watchConsole(other);
  await open(other, `/planning?month=${month}`);
  await expect(cards(other, day, title)).toHaveCount(1);

  await open(page, `/planning?month=${month}`);
  await drag(page, cards(page, day, title), `${month}-21`);
  await expect(cards(page, `${month}-21`, title)).toHaveCount(1);
  await expect(page.getByTestId('board-status')).toContainText('déplacée');

  // The second tab still holds the old version: its move is refused and the session goes back.
  await drag(other, cards(other, day, title), `${month}-22`);
  await expect(other.getByTestId('toast').filter({ hasText: 'Quelqu’un a modifié cette séance' })).toBeVisible();
  await expect(cards(other, day, title)).toHaveCount(1);
  await expect(cards(other, `${month}-22`, title)).toHaveCount(0);
  otherConsole.check([409]);
  await other.close();

  // "Move to…" from the session's menu, to a day of the month after.
  const target = `${nextMonth(day)}-03`;
  const card = cards(page, `${month}-21`, title);
  await card.getByTestId('session-menu').click();
  await card.getByTestId('move-date').fill(target);
  await card.getByTestId('move-to').click();
  await hydrated(page);
  await expect(cards(page, `${month}-21`, title)).toHaveCount(0);
  await open(page, `/planning?month=${nextMonth(day)}`);
  await expect(cards(page, target, title)).toHaveCount(1);
  console.check([409]);
});

test('an override changes one athlete’s kilograms and not the others’', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  const month = nextMonth(dayFromToday(0));
  const day = `${month}-08`;
  await planFromMonth(page, day, 'Arraché lourd', 'Seniors');
  await cards(page, day, 'Arraché lourd').getByTestId('session-link').click();
  await hydrated(page);
  await expect(page.getByTestId('session-heading')).toHaveText('Arraché lourd');
  const row = (name: string) => page.getByTestId('session-athlete').filter({ hasText: name });
  const first = (name: string) => row(name).getByTestId('athlete-loads').first();
  const arthurBefore = await first('Arthur Athlete').textContent();
  const leaBefore = await first('Léa Dubois').textContent();
  expect(arthurBefore).toMatch(/\d/);

  // Three sets at 60 % for Arthur only.
  const adapt = page.getByTestId('adapt').filter({ hasText: 'Arthur Athlete' });
  await adapt.locator('summary').click();
  await adapt.getByTestId('adapt-blocks').first().fill('3x2 @60%');
  await adapt.getByTestId('adapt-save').first().click();
  await hydrated(page);
  await expect(row('Arthur Athlete').getByTestId('athlete-adapted')).toHaveCount(1);
  await expect(first('Arthur Athlete')).not.toHaveText(arthurBefore ?? '');
  await expect(first('Léa Dubois')).toHaveText(leaBefore ?? '');
  await expect(row('Léa Dubois').getByTestId('athlete-adapted')).toHaveCount(0);

  // The calendar filtered by Arthur shows his kilograms, adapted.
  const arthur = await page.getByTestId('adapt').filter({ hasText: 'Arthur Athlete' }).locator('input[name=athlete]').first().inputValue();
  await open(page, `/planning?month=${month}&athlete=${arthur}`);
  await expect(page.getByTestId('planning-focus')).toContainText('Arthur Athlete');
  const mine = cards(page, day, 'Arraché lourd');
  await expect(mine.getByTestId('session-adapted')).toBeVisible();
  await expect(mine.getByTestId('session-loads')).toContainText('3x2');
  console.check();
});

test('the builder changes one session’s content, and its workout stays as it was', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  const month = nextMonth(dayFromToday(0));
  const day = `${month}-22`;
  await planFromMonth(page, day, 'Arraché lourd', 'Seniors');
  await cards(page, day, 'Arraché lourd').getByTestId('session-link').click();
  await hydrated(page);
  const session = page.url();
  const lea = page.getByTestId('session-athlete').filter({ hasText: 'Léa Dubois' }).getByTestId('athlete-loads').first();
  const before = await lea.textContent();
  const shorthand = await page.getByTestId('session-element').first().locator('code').textContent();

  // The builder opens on the session's own copy, saves it, and goes back to the session.
  await page.getByTestId('edit-content').click();
  await hydrated(page);
  await expect(page.getByTestId('session-only')).toBeVisible();
  await expect(page.locator('#field-title')).toHaveValue('Arraché lourd');
  await expect(page.locator('#field-description')).toHaveCount(0);
  await page.locator('#field-title').fill('Arraché technique');
  await page.getByTestId('element-blocks').first().fill('3x2 @55%');
  await page.getByTestId('save-workout').click();
  await page.waitForURL(session);
  await hydrated(page);
  await expect(page.getByTestId('session-heading')).toHaveText('Arraché technique');
  await expect(page.getByTestId('session-element').first().locator('code')).not.toHaveText(shorthand ?? '');
  await expect(lea).not.toHaveText(before ?? '');
  // Its workout did not change: the session does not offer to update from it.
  await expect(page.getByTestId('session-template')).toContainText('Arraché lourd');
  await expect(page.getByTestId('sync-form')).toHaveCount(0);
  await page.getByTestId('session-template').getByRole('link').click();
  await hydrated(page);
  await expect(page.getByTestId('workout-heading')).toHaveText('Arraché lourd');
  await expect(page.getByTestId('element-shorthand').first()).toHaveText(shorthand ?? '');

  // The calendar shows the session's own title on its day.
  await open(page, `/planning?month=${month}`);
  await expect(cards(page, day, 'Arraché technique')).toHaveCount(1);
  console.check();
});

test('an athlete sees only their own sessions, with their kilograms, and moves nothing', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.athlete, DEMO_PASSWORD);
  await open(page, '/planning?week=' + (await weekOf(page, dayFromToday(7))));
  const sessions = grid(page).getByTestId('session');
  // The seniors' three sessions and his own Saturday one; not the youngsters'.
  await expect(sessions.filter({ hasText: 'Technique en complexes' })).toHaveCount(0);
  await expect(sessions.filter({ hasText: 'Arraché lourd' }).first()).toBeVisible();
  await expect(sessions.filter({ hasText: 'Ouvertures pré-compétition' }).first()).toBeVisible();
  await expect(sessions.first().getByTestId('session-loads')).toContainText('kg');
  await expect(page.locator('[data-grip]')).toHaveCount(0);
  await expect(page.getByTestId('session-menu')).toHaveCount(0);
  await expect(page.getByTestId('new-session')).toHaveCount(0);

  // His session's page: only him, with kilograms; nothing to change.
  await sessions.filter({ hasText: 'Arraché lourd' }).first().getByTestId('session-link').click();
  await hydrated(page);
  await expect(page.getByTestId('session-athlete')).toHaveCount(1);
  await expect(page.getByTestId('athlete-name')).toHaveText('Arthur Athlete');
  await expect(page.getByTestId('session-move')).toHaveCount(0);
  const id = page.url().split('/').pop();

  // The server refuses his moves too.
  const status = await page.evaluate(async (id) => {
    const body = new URLSearchParams({ id: id ?? '', version: '1', date: '2030-01-01' });
    const r = await fetch('/api/move_session', { method: 'POST', body });
    return r.status;
  }, id);
  expect(status).toBe(403);
  console.check([403]);
});

test('on a phone the calendar is an agenda that still moves sessions with "Move to…"', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await open(page, '/planning');
  // The month shows as an agenda: the days that have sessions (and today), no weekdays' row, no
  // handles; a day without sessions is not shown.
  const agenda = page.locator('[data-view=grid]');
  await expect(agenda.locator('ol[aria-hidden=true]')).toBeHidden();
  await expect(agenda.locator('[data-day][aria-current=date]')).toBeVisible();
  await expect(agenda.locator('[data-day]:not(:has([data-session])):not([aria-current])').first()).toBeHidden();
  await expect(agenda.locator('[data-grip]').first()).toBeHidden();
  const card = agenda.getByTestId('session').first();
  await expect(card).toBeVisible();
  const title = (await card.getByTestId('session-title').textContent()) ?? '';
  const target = dayFromToday(40);
  await card.getByTestId('session-menu').click();
  await card.getByTestId('move-date').fill(target);
  await card.getByTestId('move-to').click();
  await hydrated(page);
  await open(page, `/planning?month=${monthOf(target)}`);
  await expect(agenda.locator(`[data-day="${target}"]`).getByTestId('session').filter({ hasText: title })).toHaveCount(1);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  console.check();
  await context.close();
});

/** The ISO week (2026-W50) of a day, as the calendar's "Week" link writes it. */
async function weekOf(page: Page, day: string): Promise<string> {
  return page.evaluate((day) => {
    const d = new Date(`${day}T00:00:00Z`);
    const weekday = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - weekday + 3);
    const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
    const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
    return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
  }, day);
}

test('a week is copied to another for a group: the copy shows what it creates, then creates it all', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  const from = await weekOf(page, dayFromToday(7));
  const to = await weekOf(page, dayFromToday(70));
  await open(page, `/planning?week=${from}`);
  const youngsters = grid(page).getByTestId('session').filter({ hasText: 'Jeunes' });
  const shown = await youngsters.count();
  expect(shown).toBeGreaterThan(0);

  await page.getByTestId('copy-week').click();
  await hydrated(page);
  await page.getByTestId('copy-to-week').fill(to);
  await page.getByTestId('copy-for').selectOption({ label: 'Jeunes' });
  await page.getByTestId('copy-preview').click();
  await hydrated(page);
  await expect(page.getByTestId('copy-line')).toHaveCount(shown);
  await page.getByTestId('copy-apply').click();
  await page.waitForURL(new RegExp(`week=${to}`));
  await hydrated(page);
  await expect(grid(page).getByTestId('session').filter({ hasText: 'Jeunes' })).toHaveCount(shown);
  console.check();
});

test('a session repeats weekly after showing its days', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  const day = dayFromToday(100);
  await planFromMonth(page, day, 'Décharge', 'Seniors');
  await cards(page, day, 'Décharge').getByTestId('session-link').click();
  await hydrated(page);
  await page.getByTestId('repeat-weeks').fill('3');
  await page.getByTestId('repeat-preview').click();
  await hydrated(page);
  await expect(page.getByTestId('repeat-days').locator('li')).toHaveCount(3);
  await page.getByTestId('repeat').click();
  await hydrated(page);
  await open(page, `/planning?week=${await weekOf(page, dayFromToday(121))}`);
  await expect(grid(page).getByTestId('session').filter({ hasText: 'Décharge' })).toHaveCount(1);
  console.check();
});

test("the week sheet shows each athlete's kilograms for a group's sessions", async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.coach, DEMO_PASSWORD);
  await open(page, `/planning?week=${await weekOf(page, dayFromToday(7))}`);
  await page.getByTestId('week-sheet').click();
  await hydrated(page);
  await page.getByTestId('week-sheet-group').selectOption({ label: 'Seniors' });
  await page.getByTestId('week-sheet-show').click();
  await hydrated(page);
  await expect(page.getByTestId('week-sheet-heading')).toContainText('Seniors');
  // Monday, Wednesday and Friday (and whatever the other journeys planned for the seniors).
  expect(await page.getByTestId('sheet-session').count()).toBeGreaterThanOrEqual(3);
  const first = page.getByTestId('sheet-session').first();
  await expect(first.getByTestId('sheet-athlete').filter({ hasText: 'Arthur Athlete' }).first()).toBeVisible();
  await expect(first.getByTestId('sheet-load').first()).toHaveText(/^\d/);
  console.check();
});

test('a private calendar link answers an iCalendar of the athlete’s sessions, until it is revoked', async ({ page }) => {
  const console = watchConsole(page);
  await logIn(page, DEMO.athlete, DEMO_PASSWORD);
  await open(page, '/account');
  await page.getByTestId('calendar-create').click();
  await expect(page.getByTestId('calendar-url')).toHaveValue(/\/calendar\/[0-9a-f]{64}\.ics$/);
  const link = await page.getByTestId('calendar-url').inputValue();
  const path = new URL(link).pathname;

  // A calendar app fetches it without any cookie.
  const app = await request.newContext({ baseURL: new URL(page.url()).origin });
  const feed = await app.get(path);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const text = await feed.text();
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text).toContain('SUMMARY:Arraché lourd');
  expect(text).toContain('SUMMARY:Ouvertures pré-compétition');
  expect(text).not.toContain('Technique en complexes'); // the youngsters'
  expect(text).not.toMatch(/\d kg/);

  await page.getByTestId('calendar-revoke').click();
  await expect(page.getByTestId('calendar-state')).toContainText('pas de lien');
  expect((await app.get(path)).status()).toBe(404);
  await app.dispose();
  console.check();
});
