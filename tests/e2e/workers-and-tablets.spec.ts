import type { APIRequestContext, Page } from '@playwright/test';
import { RosterWorker } from '../../src/lib/domain/device';
import { deviceCookie, type SeededTablet } from '../support/seed-network';
import { expect, test } from './fixtures';
import { seedForManagers, signInAs } from './manage-seed';
import { withServerStore } from '../support/server-database';
import { TabletsPage } from './pages/tablets-page';
import { WorkersPage } from './pages/workers-page';

const ARMLEY = 'Armley Community Centre';
const CHAPELTOWN = 'Chapeltown Youth Hub';

/** What a tablet learns about its workers when it is next online. */
async function rosterOf(request: APIRequestContext, tablet: SeededTablet, url: string) {
  const response = await request.get('/api/device/roster', { headers: { cookie: `${deviceCookie(tablet, url).name}=${tablet.credential}` } });
  return { status: response.status(), body: await response.json() };
}

/** Posts a page's form action as the browser's signed-in person would, without the page. */
function postAction(page: Page, url: string, path: string, form: Record<string, string>) {
  return page.request.post(path, { form, headers: { origin: url, accept: 'application/json', 'x-sveltekit-action': 'true' } });
}

test('a lead adds a worker with a PIN and one without, sets a PIN and removes one; tablets learn it', async ({ page, server, request }) => {
  const seeded = await seedForManagers(server);
  await signInAs(page.context(), seeded.people.lead, server.url);
  const workers = new WorkersPage(page);
  await workers.open();
  await expect(page.getByText(ARMLEY).first()).toBeVisible();
  expect(await workers.names()).toEqual(['Amina', 'Ben']);
  await expect(page.getByLabel('Organisation', { exact: true })).toHaveCount(0);

  await workers.add({ name: 'Dee', pin: '4321' });
  await expect(workers.saved(`Dee added to ${ARMLEY}.`)).toBeVisible();
  await expect(workers.worker('Dee')).toContainText('PIN set');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');

  await workers.add({ name: 'Eve' });
  await expect(workers.saved(`Eve added to ${ARMLEY}.`)).toBeVisible();
  await expect(workers.worker('Eve')).toContainText('No PIN yet');
  await expect(workers.worker('Eve')).toContainText('They choose a PIN the first time they use a tablet with a connection.');

  // Refused, with what was typed kept and the problem linked to its field.
  await workers.add({ name: 'amina', pin: '12a4' });
  await expect(workers.errorSummary).toContainText('A PIN is 4 to 6 digits, or leave it empty for the worker to choose');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('amina');
  await workers.errorSummary.getByRole('link', { name: /A PIN is 4 to 6 digits/ }).click();
  await expect(page.getByLabel('PIN (optional)')).toBeFocused();
  await workers.add({ name: 'amina', pin: '' });
  await expect(workers.errorSummary).toContainText('This organisation already has a worker called “amina”. Add something to tell them apart, such as a surname.');
  await expect(page.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/already has a worker called/);

  await workers.setPin('Eve', '99');
  await expect(workers.errorSummary).toContainText('A PIN is 4 to 6 digits');
  await page.getByLabel('New PIN for Eve').fill('918273');
  await page.getByRole('button', { name: 'Set PIN', exact: true }).click();
  await expect(workers.saved('PIN set for Eve. Their tablets learn it the next time they sync.')).toBeVisible();
  await expect(workers.worker('Eve')).toContainText('PIN set');
  await expect(page.getByRole('button', { name: 'Set a new PIN for Eve' })).toBeFocused();

  // Removing asks first, and says what happens.
  await workers.askToRemove('Ben');
  const confirmation = page.locator('#remove-panel-' + seeded.workers.ben.id);
  await expect(confirmation).toContainText(`Remove Ben from ${ARMLEY}?`);
  await expect(confirmation).toContainText('What they recorded stays. Tablets drop them the next time they sync');
  await expect(page.getByRole('button', { name: 'Yes, remove Ben' })).toBeFocused();
  await confirmation.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Yes, remove Ben' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove Ben', exact: true })).toBeFocused();
  await workers.askToRemove('Ben');
  await workers.confirmRemove('Ben');
  await expect(workers.saved('Ben removed.')).toBeVisible();
  expect(await workers.names()).toEqual(['Amina', 'Dee', 'Eve']);

  // The tablet of Armley gets exactly this roster, with the PINs' hashes to check offline.
  const roster = await rosterOf(request, seeded.tablet, server.url);
  expect(roster.status).toBe(200);
  const listed = roster.body.workers.map((w: unknown) => RosterWorker.parse(w));
  expect(listed.map((w: RosterWorker) => [w.name, w.pin !== null])).toEqual([
    ['Amina', true],
    ['Dee', true],
    ['Eve', true]
  ]);
});

test('a coordinator sees every organisation’s workers, chooses one, and adds a worker to it', async ({ page, server }) => {
  const seeded = await seedForManagers(server);
  await signInAs(page.context(), seeded.people.coordinator, server.url);
  const workers = new WorkersPage(page);
  await workers.open();
  await expect(page.getByRole('heading', { name: `${ARMLEY} (2 workers)` })).toBeVisible();
  await expect(page.getByRole('heading', { name: `${CHAPELTOWN} (1 worker)` })).toBeVisible();

  await workers.add({ name: 'Fola' });
  await expect(workers.errorSummary).toContainText('Choose the worker’s organisation');
  await workers.add({ name: 'Fola', organisation: CHAPELTOWN });
  await expect(workers.saved(`Fola added to ${CHAPELTOWN}.`)).toBeVisible();

  await page.getByLabel('Show workers of').selectOption({ label: CHAPELTOWN });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/organisation=/);
  expect(await workers.names()).toEqual(['Chidi', 'Fola']);
  await expect(page.getByLabel('Organisation', { exact: true })).toHaveValue(seeded.organisations.chapeltown.id);

  // A mangled link is answered with a message, not a failure.
  await workers.page.goto('/settings/workers?organisation=not-an-id');
  await expect(page.getByText('That link does not name an organisation.')).toBeVisible();
});

test('a lead cannot see or change another organisation’s workers or tablets, even by posting the forms', async ({ page, server, request }) => {
  const seeded = await seedForManagers(server);
  const { chidi } = seeded.workers;
  await signInAs(page.context(), seeded.people.lead, server.url);

  const workers = new WorkersPage(page);
  await workers.open(`?organisation=${seeded.organisations.chapeltown.id}`);
  expect(await workers.names()).toEqual(['Amina', 'Ben']);
  await expect(page.getByText(CHAPELTOWN)).toHaveCount(0);
  const tablets = new TabletsPage(page);
  await tablets.open();
  expect(await tablets.labels()).toEqual(['Tablet 1', 'Lost tablet']); // lost ones after those in use
  await expect(page.getByText(CHAPELTOWN)).toHaveCount(0);

  const refusals: [string, Record<string, string>, string][] = [
    ['/settings/workers?/remove', { workerId: chidi.id }, ''],
    ['/settings/workers?/setPin', { workerId: chidi.id, pin: '1111' }, 'That worker is not one you manage'],
    ['/settings/workers?/add', { organisationId: seeded.organisations.chapeltown.id, name: 'Intruder', pin: '' }, 'Choose the worker’s organisation'],
    ['/settings/devices?/retire', { deviceId: seeded.chapeltownTablet.id }, 'That tablet is not one you manage'],
    ['/settings/devices?/lost', { deviceId: seeded.chapeltownTablet.id }, 'That tablet is not one you manage'],
    ['/settings/devices?/enrol', { organisationId: seeded.organisations.chapeltown.id, label: 'Sneaky' }, 'Choose the organisation the tablet records for'],
    // Malformed ids are refused before they reach the database.
    ['/settings/workers?/remove', { workerId: "1' or '1'='1" }, 'That worker is not listed'],
    ['/settings/devices?/lost', { deviceId: 'not-a-uuid' }, 'That tablet is not listed']
  ];
  for (const [path, form, message] of refusals) {
    const response = await postAction(page, server.url, path, form);
    expect(response.status(), path).toBe(200); // SvelteKit answers an action's outcome in its body
    const outcome = await response.json();
    if (message) expect(outcome, `${path} ${JSON.stringify(form)}`).toMatchObject({ type: 'failure', status: 400 });
    expect(outcome.data).toContain(message);
  }
  // Nothing changed for Chapeltown: its tablet still syncs and still has Chidi, with his PIN.
  const roster = await rosterOf(request, seeded.chapeltownTablet, server.url);
  expect(roster.status).toBe(200);
  expect(roster.body.workers.map((w: RosterWorker) => w.name)).toEqual(['Chidi']);
  const audit = await withServerStore(server, (store) => store.audit.list(seeded.network.id, {}, { before: null, limit: 100 }));
  expect(audit.filter((entry) => entry.actor.id === seeded.people.lead.id)).toEqual([]);
});

test('a lead enrols a tablet with a code that works once, then retires one and reports one lost, each confirmed', async ({ page, server, request }) => {
  const seeded = await seedForManagers(server);
  await signInAs(page.context(), seeded.people.lead, server.url);
  const tablets = new TabletsPage(page);
  await tablets.open();

  await tablets.makeEnrolment('  ');
  await expect(tablets.errorSummary).toContainText('Give the tablet a name, such as “Tablet 3”');
  await tablets.makeEnrolment('Spare tablet');
  await expect(tablets.enrolment).toBeVisible();
  await expect(tablets.enrolment).toBeFocused();
  await expect(tablets.enrolment.getByRole('img', { name: `QR code that enrols Spare tablet for ${ARMLEY}` })).toBeVisible();
  const code = await tablets.code();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await expect(tablets.enrolment).toContainText(/The code works once\..*Expires at \d\d:\d\d/s);
  await expect(tablets.enrolment).toContainText('Choose Enrol this tablet');
  const expiresAt = await tablets.enrolment.locator('.expiry time').getAttribute('datetime');
  const minutes = (Date.parse(expiresAt!) - Date.now()) / 60_000;
  expect(minutes).toBeGreaterThan(13);
  expect(minutes).toBeLessThanOrEqual(15.5);
  const qr = await tablets.enrolment.getByRole('img').getAttribute('src');
  expect(qr).toMatch(/^data:image\/svg\+xml;base64,/);

  // The tablet sends the code (as typed, in lower case) and is enrolled for Armley; the code is then spent.
  const enrolled = await request.post('/api/enrol', { data: { code: code.toLowerCase(), appVersion: 'test' } });
  expect(enrolled.status()).toBe(200);
  expect(await enrolled.json()).toMatchObject({ label: 'Spare tablet', organisation: { id: seeded.organisations.armley.id, name: ARMLEY } });
  expect((await request.post('/api/enrol', { data: { code } })).status()).toBe(400);
  await page.getByRole('button', { name: 'Check for the new tablet' }).click();
  await expect(tablets.tablet('Spare tablet')).toContainText('In use');
  await expect(tablets.tablet('Spare tablet')).toContainText('test');
  await page.getByRole('button', { name: 'Enrol another tablet' }).click();
  await expect(page.getByLabel('Name for the tablet')).toBeFocused();

  // Retire: asked first, then "Retiring" until its last upload.
  await page.getByRole('button', { name: 'Retire Tablet 1', exact: true }).click();
  await expect(tablets.tablet('Tablet 1')).toContainText('It uploads what it holds once more, then can no longer sync.');
  await tablets.tablet('Tablet 1').getByRole('button', { name: 'Cancel' }).click();
  await expect(tablets.tablet('Tablet 1')).toContainText('In use');
  await tablets.retire('Tablet 1');
  await expect(tablets.saved('Tablet 1 retired. It uploads what it holds the next time it syncs, then can no longer sync.')).toBeVisible();
  await expect(tablets.tablet('Tablet 1')).toContainText('Retiring');
  await expect(page.getByRole('button', { name: 'Retire Tablet 1', exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Report lost – Spare tablet', exact: true }).click();
  await expect(tablets.tablet('Spare tablet')).toContainText('If it connects again it erases everything on it.');
  await page.getByRole('button', { name: 'Yes, report Spare tablet lost' }).click();
  await expect(tablets.saved('Spare tablet reported lost.')).toBeVisible();
  await expect(tablets.tablet('Spare tablet')).toContainText('Reported lost');
  await expect(tablets.tablet('Spare tablet').getByRole('button')).toHaveCount(0);
  // Lost (and retired) tablets are listed after those in use; a retiring one may still be reported lost.
  expect(await tablets.labels()).toEqual(['Tablet 1', 'Lost tablet', 'Spare tablet']);
  await tablets.reportLost('Tablet 1');
  await expect(tablets.tablet('Tablet 1')).toContainText('Reported lost');
  expect(await tablets.labels()).toEqual(['Lost tablet', 'Spare tablet', 'Tablet 1']);

  // A lost tablet is refused, and each change is in the audit log.
  const refused = await rosterOf(request, seeded.tablet, server.url);
  expect(refused.status).toBe(403);
  expect(refused.body.error.reason).toBe('device-lost');
  const audit = await withServerStore(server, (store) => store.audit.list(seeded.network.id, {}, { before: null, limit: 100 }));
  expect(audit.filter((e) => e.actor.id === seeded.people.lead.id).map((e) => [e.action, e.subject]).reverse()).toEqual([
    ['enrolment-created', 'Spare tablet'],
    ['device-retired', 'Tablet 1'],
    ['device-lost', 'Spare tablet'],
    ['device-lost', 'Tablet 1']
  ]);
});

test('anchor staff are refused the workers, tablets and conversations pages', async ({ page, server }) => {
  const seeded = await seedForManagers(server);
  await signInAs(page.context(), seeded.people.staff, server.url);
  for (const path of ['/settings/workers', '/settings/devices', '/records']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByText('Your role does not allow this.')).toBeVisible();
    await expect(page.getByText('Amina')).toHaveCount(0);
  }
  const data = await page.request.get('/settings/workers/__data.json');
  expect(data.status()).toBe(403);
  expect(await data.text()).not.toContain('Amina');
  const posted = await postAction(page, server.url, '/settings/workers?/remove', { workerId: seeded.workers.amina.id });
  expect(posted.status()).toBe(403);
  const roster = await withServerStore(server, (store) => store.workers.roster(seeded.organisations.armley.id));
  expect(roster.map((w) => w.name)).toEqual(['Amina', 'Ben']);
});
