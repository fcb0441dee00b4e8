import type { APIRequestContext, Page } from '@playwright/test';
import { makeConversation } from '../support/conversations';
import { sessionCookie } from '../support/seed-network';
import { withServerStore } from '../support/server-database';
import { expect, test } from './fixtures';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { AuditPage } from './pages/audit-page';
import { dateInput, fillDate } from './pages/date-input';
import { MapPage } from './pages/map-page';
import { SettingsPage } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';
import { pushConversations } from './push-conversations';

/**
 * Issue 12, point 6: every date a person types is three boxes, day, month and year (the GOV.UK
 * date input), so no browser language turns it into mm/dd/yyyy and no phone needs a date picker.
 */

/** Each box is a plain text box for numbers, at least 44 px tall, no browser date picker. */
async function expectDateBoxes(page: Page, legend: string) {
  const date = dateInput(page, legend);
  await expect(date.group).toHaveAccessibleDescription(/For example, 27 3 2026/);
  for (const box of [date.day, date.month, date.year]) {
    await expect(box).toHaveAttribute('type', 'text');
    await expect(box).toHaveAttribute('inputmode', 'numeric');
    await expect(box).toHaveAttribute('autocomplete', 'off');
    expect((await box.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  // The year box is the wider: 4 numbers, against 2.
  expect((await date.year.boundingBox())!.width).toBeGreaterThan((await date.day.boundingBox())!.width);
}

const invalid = (page: Page, legend: string) => {
  const date = dateInput(page, legend);
  return Promise.all([date.day, date.month, date.year].map((box) => box.getAttribute('aria-invalid').then((value) => value === 'true')));
};

const today = () => new Date().toISOString().slice(0, 10);
const daysFrom = (iso: string, days: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function themeIds(request: APIRequestContext): Promise<Record<string, string>> {
  const { themes } = await (await request.get('/api/reference')).json();
  return Object.fromEntries(themes.map((t: { id: string; name: string }) => [t.name, t.id]));
}

for (const viewport of SCREEN_SIZES) {
  const at = `at ${viewport.width}×${viewport.height}`;

  test(`an event's date is typed as day, month and year ${at}`, async ({ page, server, seeded }) => {
    await page.setViewportSize(viewport);
    await page.context().addCookies([sessionCookie(seeded.people.coordinator, server.url)]);
    await page.goto('/settings');
    const settings = new SettingsPage(page);
    await expect(page.getByRole('heading', { name: 'Network settings', level: 1 })).toBeVisible();
    await expectDateBoxes(page, 'Date');

    // 31 April does not exist: the summary says what to fix, the whole date is marked, and
    // what was typed stays to be corrected.
    await settings.addEvent({ name: 'Armley spring fair', date: { day: '31', month: '4', year: '2026' }, place: 'Armley Park' });
    await expect(settings.errorSummary.getByRole('link')).toHaveText(['The event’s date must be a real date']);
    await expect(dateInput(page, 'Date').group).toHaveAccessibleDescription(/The event’s date must be a real date/);
    expect(await invalid(page, 'Date')).toEqual([true, true, true]);
    await expect(page.getByLabel('Event name')).toHaveValue('Armley spring fair');
    const date = dateInput(page, 'Date');
    await expect(date.day).toHaveValue('31');
    await expect(date.month).toHaveValue('4');
    await expect(date.year).toHaveValue('2026');
    await expectNoViolations(page, `settings with a date error ${at}`);
    await settings.errorSummary.getByRole('link', { name: 'The event’s date must be a real date' }).click();
    await expect(date.day).toBeFocused();

    // Only the box that is missing is marked.
    await settings.addEvent({ name: 'Armley spring fair', date: { day: '30', month: '', year: '2026' }, place: 'Armley Park' });
    await expect(settings.errorSummary.getByRole('link')).toHaveText(['The event’s date must include a month']);
    expect(await invalid(page, 'Date')).toEqual([false, true, false]);
    await settings.errorSummary.getByRole('link').click();
    await expect(date.month).toBeFocused();

    // A month may be written as a word; then the event is added and the boxes are clear for the next.
    await date.month.fill('April');
    await page.getByRole('button', { name: 'Add event' }).click();
    await expect(settings.saved('Event added: Armley spring fair')).toBeVisible();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Armley spring fair' }) });
    await expect(row.getByRole('cell').first()).toHaveText('30 April 2026');
    await expect(date.day).toHaveValue('');
    await expect(date.month).toHaveValue('');
    await expect(date.year).toHaveValue('');
    expect(await invalid(page, 'Date')).toEqual([false, false, false]);
  });

  test(`the audit log filters by dates typed as day/month/year ${at}`, async ({ page, server, seeded }) => {
    const { network, people } = seeded;
    await withServerStore(server, (store) =>
      store.audit.record(network.id, { actor: { kind: 'person', id: people.coordinator.id, name: 'Cora Coordinator' }, action: 'settings-changed', subject: 'Prompts' })
    );
    await page.setViewportSize(viewport);
    await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
    const audit = new AuditPage(page);
    await audit.open();
    await expectDateBoxes(page, 'From');
    await expectDateBoxes(page, 'To');
    const rows = audit.rows();
    await expect(rows.filter({ hasText: 'Prompts' })).toHaveCount(1);

    const tomorrow = daysFrom(today(), 1);
    await audit.filter({ from: tomorrow });
    await expect(page.getByRole('status').filter({ hasText: 'No entries match these filters.' })).toBeVisible();
    const [year, month, day] = tomorrow.split('-');
    await expect(page).toHaveURL(new RegExp(`from-day=${Number(day)}&from-month=${Number(month)}&from-year=${year}`));

    const yesterday = daysFrom(today(), -1);
    await audit.filter({ from: yesterday, to: tomorrow });
    await expect(rows.filter({ hasText: 'Prompts' })).toHaveCount(1);
    await expect(dateInput(page, 'To').day).toHaveValue(String(Number(day)));

    // A date that cannot be is said so beside it, kept as typed, and filters nothing.
    await audit.filter({ from: { day: '31', month: '4', year: '2026' }, to: { day: '1', month: 'jan', year: '26' } });
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(['The “From” date must be a real date', 'The year in “To” must include 4 numbers']);
    await expect(rows.filter({ hasText: 'Prompts' })).toHaveCount(1);
    expect(await invalid(page, 'From')).toEqual([true, true, true]);
    expect(await invalid(page, 'To')).toEqual([false, false, true]);
    await expect(dateInput(page, 'From').day).toHaveValue('31');
    await expect(dateInput(page, 'To').month).toHaveValue('jan');
    await expectNoViolations(page, `audit log with date errors ${at}`);
    await page.getByRole('alert').getByRole('link', { name: 'The year in “To” must include 4 numbers' }).click();
    await expect(dateInput(page, 'To').year).toBeFocused();
  });

  test(`the map's date filter takes day/month/year ${at}`, async ({ page, server }) => {
    const seeded = await SetupPage.leeds(page, server);
    const theme = await themeIds(page.request);
    const work = theme['Widening Access to Quality Work'];
    await pushConversations(server.url, seeded, [
      makeConversation({ wardCode: 'E05011385', recordedAt: '2026-06-10T10:00:00.000Z', themeIds: [work] }), // Armley, June
      makeConversation({ wardCode: 'E05011397', recordedAt: '2026-10-10T10:00:00.000Z', themeIds: [work] }) // Headingley, October
    ]);
    await page.setViewportSize(viewport);
    const map = new MapPage(page);
    await map.open();
    await expect(map.status).toContainText('2 conversations in 2 wards');
    await expectDateBoxes(page, 'From');

    // The filter applies once the date is whole; the month may be a word.
    await fillDate(page, 'From', { day: '1', month: 'Oct', year: '2026' });
    await expect(map.status).toContainText('1 conversation in 1 ward');
    await expect(page).toHaveURL(/[?&]from=2026-10-01/);
    await page.reload();
    await expect(map.status).toContainText('1 conversation in 1 ward');
    await expect(dateInput(page, 'From').month).toHaveValue('10');

    // Half a date changes nothing until the person leaves it; then it says what is missing.
    const to = dateInput(page, 'To');
    await to.day.fill('31');
    await expect(page.getByText('The “To” date must include a month and year')).toHaveCount(0);
    await to.day.press('Tab');
    await expect(page.getByText('The “To” date must include a month and year')).toHaveCount(0);
    await to.month.press('Tab');
    await expect(to.year).toBeFocused();
    await to.year.press('Tab');
    await expect(to.group).toHaveAccessibleDescription(/The “To” date must include a month and year/);
    expect(await invalid(page, 'To')).toEqual([false, true, true]);
    await expect(map.status).toContainText('1 conversation in 1 ward');
    await expectNoViolations(page, `map with a date error ${at}`);

    // 31 September is not a real date either; emptying the boxes takes the date away.
    await fillDate(page, 'To', { day: '31', month: '9', year: '2026' });
    await expect(to.group).toHaveAccessibleDescription(/The “To” date must be a real date/);
    await fillDate(page, 'From', { day: '', month: '', year: '' });
    await fillDate(page, 'To', { day: '', month: '', year: '' });
    await expect(to.group).not.toHaveAccessibleDescription(/must/);
    await expect(map.status).toContainText('2 conversations in 2 wards');
    await expect(page).not.toHaveURL(/[?&](from|to)=/);
  });
}

test.describe('in a browser set to US English', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  for (const viewport of SCREEN_SIZES) {
    test(`dates read day/month/year even in an en-US browser at ${viewport.width}×${viewport.height}`, async ({ page, server, seeded }) => {
      const { network, people } = seeded;
      await withServerStore(server, (store) => store.addEvent(network.id, { name: 'Bramley gala', date: '2026-07-04', place: '' }));
      await page.setViewportSize(viewport);
      await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
      expect(await page.evaluate(() => navigator.language)).toBe('en-US');

      const usDate = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|mm\/dd|dd\/mm/i;
      for (const path of ['/settings', '/audit?from-day=4&from-month=7&from-year=2026']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await page.locator('input[type="date"], input[type="datetime-local"]').count(), path).toBe(0);
        await expect(page.getByText('For example, 27 3 2026').first()).toBeVisible();
        expect(await page.locator('body').innerText(), path).not.toMatch(usDate);
      }
      // The audit log read 4 7 2026 as 4 July, not 7 April.
      await expect(dateInput(page, 'From').day).toHaveValue('4');
      await expect(dateInput(page, 'From').month).toHaveValue('7');
      await page.goto('/settings');
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Bramley gala' }) });
      await expect(row.getByRole('cell').first()).toHaveText('4 July 2026');
      const date = dateInput(page, 'Date');
      const labels = await date.group.locator('label').allInnerTexts();
      expect(labels).toEqual(['Day', 'Month', 'Year']);
      // Day first on the screen as well as in the page: left to right, or top to bottom.
      const [day, month, year] = await Promise.all([date.day, date.month, date.year].map(async (box) => (await box.boundingBox())!));
      expect(day.x <= month.x && month.x <= year.x && (day.y <= month.y || day.x < month.x)).toBe(true);
    });
  }
});
