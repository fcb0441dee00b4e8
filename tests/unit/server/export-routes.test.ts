import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import type { Store } from '../../../src/lib/server/store';
import * as conversationsRoute from '../../../src/routes/api/export/conversations/+server';
import * as contactsRoute from '../../../src/routes/api/export/contact-details/+server';
import * as spreadsheetRoute from '../../../src/routes/api/export/spreadsheet/+server';
import * as responsesRoute from '../../../src/routes/api/export/responses/+server';
import * as exportPage from '../../../src/routes/export/+page.server';
import { makeConversation } from '../../support/conversations';
import { pushedBy } from '../../support/recorder';
import { callRoute, type RouteModule } from '../../support/route-harness';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';

let memory: SqlDatabase;
beforeAll(async () => {
  memory = await openPgliteDatabase();
});
afterAll(() => memory.close());

const EXPORTS = [
  { name: 'conversations', module: conversationsRoute, routeId: '/api/export/conversations' },
  { name: 'contact-details', module: contactsRoute, routeId: '/api/export/contact-details' }
] as const;
type Role = 'signed out' | 'tablet (worker)' | 'lead' | 'staff' | 'coordinator';
const ROLES: Role[] = ['signed out', 'tablet (worker)', 'lead', 'staff', 'coordinator'];

describe('export routes (issue 14)', () => {
  let store: Store;
  let seeded: SeededNetwork;
  beforeEach(async () => {
    await memory.exec('drop schema public cascade; create schema public;');
    await migrate(memory);
    store = createSqlStore(memory);
    seeded = await seedNetwork(store);
    const recorder = { organisationId: seeded.organisations.armley.id, workerId: seeded.workers.amina.id };
    await store.applyChanges(
      pushedBy(recorder, seeded.network.id, [
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-11-20T10:00:00.000Z', quotes: [{ text: 'Keep the library', consentToQuote: true }, { text: 'Not for sharing', consentToQuote: false }], followUp: { wanted: true, contact: 'ann@example.org' }, equality: { sex: 'female' } }),
        makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-11-21T10:00:00.000Z' })
      ])
    );
  });

  const cookiesOf = (role: Role): Record<string, string> => {
    if (role === 'signed out') return {};
    if (role === 'tablet (worker)') return { al_device: seeded.tablet.credential };
    return { al_session: seeded.people[role].session };
  };
  const ask = (exp: { module: object; routeId: string }, role: Role, query = '') =>
    callRoute(store, exp.module as RouteModule, { routeId: exp.routeId, path: `${exp.routeId}${query}`, cookies: cookiesOf(role) });
  const exportsAudited = async () => (await store.audit.list(seeded.network.id, { action: 'export' }, { before: null, limit: 50 })).reverse();

  for (const exp of EXPORTS) {
    it(`${exp.name}: only a coordinator may export; everyone else is refused and nothing is audited`, async () => {
      const expected: Record<Role, number> = { 'signed out': 401, 'tablet (worker)': 403, lead: 403, staff: 403, coordinator: 200 };
      const got: Record<string, number> = {};
      for (const role of ROLES) {
        const answer = await ask(exp, role);
        got[role] = answer.status;
        await answer.response?.body?.cancel();
      }
      expect(got).toEqual(expected);
      const audited = await exportsAudited();
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ actor: { kind: 'person', name: 'Cora Coordinator' }, details: { export: exp.name, format: 'csv', filters: '', rows: exp.name === 'conversations' ? 2 : 1 } });
    });
  }

  /** The exports anchor staff take too (aggregates and responses), with the subject each is audited under. */
  const STAFF_EXPORTS = [
    { name: 'spreadsheet', module: spreadsheetRoute, routeId: '/api/export/spreadsheet', subject: 'Spreadsheet (XLSX)', format: 'xlsx' },
    { name: 'responses', module: responsesRoute, routeId: '/api/export/responses', subject: 'Responses (CSV)', format: 'csv' }
  ] as const;
  for (const exp of STAFF_EXPORTS) {
    it(`${exp.name}: coordinators and anchor staff may export, each audited; leads, tablets and the signed out are refused`, async () => {
      const expected: Record<Role, number> = { 'signed out': 401, 'tablet (worker)': 403, lead: 403, staff: 200, coordinator: 200 };
      const got: Record<string, number> = {};
      for (const role of ROLES) {
        const answer = await ask(exp, role);
        got[role] = answer.status;
        await answer.response?.arrayBuffer();
      }
      expect(got).toEqual(expected);
      const audited = await exportsAudited();
      expect(audited.map((entry) => [entry.actor.name, entry.subject])).toEqual([
        [seeded.people.staff.name, exp.subject],
        [seeded.people.coordinator.name, exp.subject]
      ]);
      expect(audited[1]).toMatchObject({ details: { export: exp.name, format: exp.format, filters: '' } });
      const head = await callRoute(store, exp.module as RouteModule, { routeId: exp.routeId, path: exp.routeId, method: 'HEAD' as never, cookies: cookiesOf('coordinator') });
      expect(head.status).toBe(405);
      expect(await exportsAudited()).toHaveLength(2);
    });
  }

  it('anchor staff get the spreadsheet without the Conversations sheet, audited with no rows of conversations', async () => {
    const answer = await ask(STAFF_EXPORTS[0], 'staff');
    expect(answer.response!.headers.get('x-export-rows')).toBeNull();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await answer.response!.arrayBuffer()) as never);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Ward × theme', 'Themes by month', 'Responses', 'Progression']);
    const [entry] = await exportsAudited();
    expect(entry).toMatchObject({ details: { rows: 0, sheets: 'Ward × theme, Themes by month, Responses, Progression' } });
  });

  it('the responses file: one row per response, its words as written (a formula neutralised), the theme filter narrowing it, no evidence figures', async () => {
    const { themes } = (await store.getReferenceData())!;
    const author = { id: seeded.people.staff.id, name: seeded.people.staff.name };
    const fields = { organisationId: seeded.organisations.armley.id, dueBy: '2027-03-31', visibility: 'public' as const, quotes: [] };
    const made = await store.responses.createResponse(seeded.network.id, { ...fields, themeId: themes[0].id, wholeNetwork: false, wardCodes: [ARMLEY, HEADINGLEY], action: '=cmd|" /C calc"!A0 — a jobs fair', status: 'planned' }, author);
    if (!made.ok) throw new Error(made.reason);
    await store.responses.addResponseNote(seeded.network.id, made.id, { status: 'not-possible', reason: 'No hall free', note: 'The hall fell through' }, author);
    await store.responses.createResponse(seeded.network.id, { ...fields, themeId: themes[1].id, wholeNetwork: true, wardCodes: [], action: 'Talk to the health board', status: 'done' }, author);

    const read = async (query: string) => {
      const answer = await ask(STAFF_EXPORTS[1], 'staff', query);
      expect(answer.response!.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      return Papa.parse<string[]>((await answer.response!.text()).trim(), { newline: '\r\n' }).data;
    };
    const [header, ...rows] = await read('');
    expect(header).toEqual(['Organisation', 'Theme', 'Wards', 'What they will do', 'By (date)', 'Status', 'Reason it is not possible', 'Who may see it', 'Made on (date)', 'Latest update (date)', 'Latest update']);
    expect(rows).toHaveLength(2);
    const row = (r: string[]) => Object.fromEntries(header.map((h, i) => [h, r[i]]));
    expect(row(rows[1])).toMatchObject({
      Organisation: 'Armley Community Centre',
      Theme: themes[0].name,
      Wards: 'Armley; Headingley & Hyde Park',
      'What they will do': `'=cmd|" /C calc"!A0 — a jobs fair`,
      'By (date)': '2027-03-31',
      Status: 'Not possible',
      'Reason it is not possible': 'No hall free',
      'Who may see it': 'Public',
      'Latest update': 'The hall fell through'
    });
    expect(row(rows[0])).toMatchObject({ Wards: 'The whole network', Status: 'Done', 'Latest update': '' });
    expect((await read(`?theme=${themes[1].id}`)).slice(1).map((r) => r[1])).toEqual([themes[1].name]);
    expect((await exportsAudited()).at(-1)).toMatchObject({ subject: 'Responses (CSV)', details: { export: 'responses', rows: 1, filters: `theme=${themes[1].id}` } });
  });

  it('the conversations file streams as CSV with its row count, name and filters audited; never contact details, equality answers or unconsented quotes', async () => {
    const answer = await ask(EXPORTS[0], 'coordinator', `?wards=${ARMLEY}&from=2026-11-01`);
    expect(answer.status).toBe(200);
    const response = answer.response!;
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="conversations-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('x-export-rows')).toBe('1');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes[0]).toBe('W'.charCodeAt(0)); // no BOM: the header's first letter comes first
    const text = new TextDecoder().decode(bytes);
    const [header, row] = Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data;
    expect(Object.fromEntries(header.map((h, i) => [h, row[i]]))).toMatchObject({ 'Ward code': ARMLEY, Ward: 'Armley', Date: '2026-11-20', 'Quote 1': 'Keep the library', Organisation: 'Armley Community Centre' });
    expect(text).not.toMatch(/ann@example|Not for sharing|female|Female/);
    const [entry] = await exportsAudited();
    expect(entry).toMatchObject({ subject: 'Conversations (CSV)', details: { export: 'conversations', filters: `from=2026-11-01&wards=${ARMLEY}`, rows: 1 } });
    expect(JSON.stringify(entry)).not.toMatch(/library/);
  });

  it('the contact details export holds them for a coordinator; the Excel file starts with a byte order mark', async () => {
    const answer = await ask(EXPORTS[1], 'coordinator', '?format=excel');
    const bytes = new Uint8Array(await answer.response!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (Response.text() would drop it)
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('ann@example.org');
    expect(text).toContain('Female');
    const [entry] = await exportsAudited();
    expect(entry).toMatchObject({ subject: 'Contact details and equality answers (CSV)', details: { format: 'excel', rows: 1 } });
    expect(JSON.stringify(entry)).not.toMatch(/ann@example/);
  });

  it('a filter that cannot be used is a 400 that names it, never a 500, and nothing is exported or audited', async () => {
    for (const query of ['?from=2026-13-45', '?from=2026-11-20&to=2026-11-01', '?theme=not-a-theme', '?wards=XX123', '?event=nope', '?format=xls']) {
      const answer = await ask(EXPORTS[0], 'coordinator', query);
      expect(answer.status, query).toBe(400);
      const body = (await answer.response!.json()) as { error: { message: string } };
      expect(body.error.message, query).toMatch(/^(From|To|Theme|Wards|Event|format): /);
    }
    expect(await exportsAudited()).toEqual([]);
  });

  it('HEAD opens no export and writes nothing to the audit log', async () => {
    for (const exp of EXPORTS) {
      const answer = await callRoute(store, exp.module as RouteModule, { routeId: exp.routeId, path: exp.routeId, method: 'HEAD' as never, cookies: cookiesOf('coordinator') });
      expect(answer.status).toBe(405);
    }
    expect(await exportsAudited()).toEqual([]);
  });

  it('the Export page: a coordinator sees how many rows each export holds, anchor staff no counts, a lead is refused, a bad filter is a 400', async () => {
    const load = (role: Role, query = '') =>
      callRoute(store, exportPage as RouteModule, { routeId: '/export', path: `/export${query}`, cookies: cookiesOf(role) });
    expect((await load('coordinator')).status).toBe(200);
    expect((await load('staff')).status).toBe(200);
    expect((await load('lead')).status).toBe(403);
    expect((await load('coordinator', '?to=2026-02-30')).status).toBe(400);
    const { exportPageView } = await import('../../../src/lib/server/export-view');
    const caller = (role: 'coordinator' | 'staff') => ({ kind: 'person' as const, network: seeded.network, person: { ...seeded.people[role], organisationId: null } as never });
    expect((await exportPageView(store, caller('coordinator'), new URLSearchParams(`wards=${HEADINGLEY}`))).counts).toEqual({ conversations: 1, contactRows: 0 });
    expect((await exportPageView(store, caller('staff'), new URLSearchParams())).counts).toBeNull();
  });
});
