import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/lib/domain/conversation';
import { countText } from '../../../src/lib/domain/suppression';
import { ukIsoDay } from '../../../src/lib/domain/uk-time';
import { reportView } from '../../../src/lib/export/report-view';
import { wardThemeRecords, wardThemeTable } from '../../../src/lib/export/ward-theme-table';
import type { Store } from '../../../src/lib/server/store';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import * as spreadsheetRoute from '../../../src/routes/api/export/spreadsheet/+server';
import { answersOf, makeConversation } from '../../support/conversations';
import { pushedBy } from '../../support/recorder';
import { callRoute, type RouteModule } from '../../support/route-harness';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';
import { TEXTS } from './exports-contract';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';

/** A workbook read back with exceljs, as a GIS or policy officer's Excel would read it. */
async function readBack(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return workbook;
}

/** A sheet's cells as values: text as text, numbers as numbers, empty as null (row 1 the header). */
function valuesOf(sheet: ExcelJS.Worksheet, columns: number): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(
      Array.from({ length: columns }, (_, c) => {
        const cell = row.getCell(c + 1);
        if (cell.type === ExcelJS.ValueType.Null) return null;
        if (cell.type === ExcelJS.ValueType.Number) return cell.value as number;
        expect(cell.type, `row ${row.number} column ${c + 1}`).toBe(ExcelJS.ValueType.RichText);
        return cell.text === '' ? null : cell.text;
      })
    );
  });
  return rows;
}

/**
 * The spreadsheet export (issue 14) through its real endpoint, held to the same behaviour on
 * embedded PGlite and a real PostgreSQL server: every value back intact and typed, no formula,
 * nothing that must never leave the database, counts suppressed as on screen.
 */
export function describeSpreadsheetExportContract(kind: string, openEmpty: () => Promise<{ store: Store; db: SqlDatabase }>) {
  describe(`the spreadsheet export on ${kind}`, () => {
    let store: Store;
    let db: SqlDatabase;
    let seeded: SeededNetwork;
    beforeEach(async () => {
      ({ store, db } = await openEmpty());
      seeded = await seedNetwork(store);
      return () => store.close();
    });
    const ask = (role: 'coordinator' | 'staff', query = '') =>
      callRoute(store, spreadsheetRoute as RouteModule, {
        routeId: '/api/export/spreadsheet',
        path: `/api/export/spreadsheet${query}`,
        cookies: { al_session: seeded.people[role].session }
      });

    it('round trip: 1,000 conversations of naughty, right-to-left, emoji and formula-like text come back from the XLSX intact as text, with no formula, unconsented quote, contact details or equality answers, and counts hidden as on screen', async () => {
      const networkId = seeded.network.id;
      const { themes } = (await store.getReferenceData())!;
      const made: Conversation[] = [];
      for (let i = 0; i < 1000; i++) {
        const text = (n: number) => TEXTS[(i * 3 + n) % TEXTS.length];
        made.push(
          makeConversation({
            wardCode: i % 10 === 0 ? HEADINGLEY : ARMLEY,
            recordedAt: new Date(Date.UTC(2026, 8, 1) + i * 97 * 60_000).toISOString(),
            answers: answersOf(text(0), text(1)),
            quotes: [
              { text: text(2) || 'x', consentToQuote: true },
              { text: `UNCONSENTED quote ${i} ${text(3)}`, consentToQuote: false },
              ...(i % 3 === 0 ? [{ text: text(4) || 'y', consentToQuote: true }] : [])
            ],
            themeIds: i % 4 === 0 ? [themes[0].id, themes[2].id] : i % 97 === 1 ? [themes[1].id] : [],
            peopleCount: (i % 50) + 1,
            equality: { sex: 'female', ethnicity: 'white-roma' },
            followUp: { wanted: true, contact: `CONTACT-DETAILS-${i}@example.org` }
          })
        );
      }
      const recorder = { organisationId: seeded.organisations.armley.id, workerId: seeded.workers.amina.id };
      for (let i = 0; i < made.length; i += 250) await store.applyChanges(pushedBy(recorder, networkId, made.slice(i, i + 250)));
      await store.responses.createResponse(
        networkId,
        { organisationId: recorder.organisationId, themeId: themes[0].id, wholeNetwork: true, wardCodes: [], action: '=HYPERLINK("x") — run a jobs fair 👷🏽', dueBy: '2027-03-31', status: 'planned', visibility: 'network', quotes: [] },
        { id: seeded.people.staff.id, name: seeded.people.staff.name }
      );

      await store.progression.stages(networkId);
      const assessed = await store.progression.addAssessment(
        networkId,
        { organisationId: recorder.organisationId, themeId: themes[0].id, stage: 2, evidence: '+cmd|calc — 12 apprentices 🎓', assessedOn: '2026-06-01' },
        { id: seeded.people.staff.id, name: seeded.people.staff.name }
      );
      expect(assessed.ok).toBe(true);

      const answer = await ask('coordinator');
      expect(answer.status).toBe(200);
      const response = answer.response!;
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="anchor-listening-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      expect(response.headers.get('x-export-rows')).toBe('1000');
      const workbook = await readBack(response);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Conversations', 'Ward × theme', 'Themes by month', 'Responses', 'Progression']);
      for (const sheet of workbook.worksheets) {
        expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
            expect(cell.text).not.toMatch(/UNCONSENTED|CONTACT-DETAILS|white-roma|White: Roma/);
          })
        );
      }

      // Conversations: every value as it was written, text as text, numbers as numbers.
      const conversations = valuesOf(workbook.getWorksheet('Conversations')!, 13);
      expect(conversations[0]).toEqual(['Ward code', 'Ward', 'Local authority', 'Date', 'Recorded at (UTC)', 'Event', 'Organisation', 'Themes', made[0].answers[0].prompt, made[0].answers[1].prompt, 'Quote 1', 'Quote 2', 'People']);
      expect(conversations).toHaveLength(1001);
      const ward = { [ARMLEY]: ['Armley', 'Leeds'], [HEADINGLEY]: ['Headingley & Hyde Park', 'Leeds'] };
      const themeNames = (ids: string[]) => themes.filter((t) => ids.includes(t.id)).map((t) => t.name).join('; ');
      made.forEach((c, i) => {
        const consented = c.quotes.filter((q) => q.consentToQuote).map((q) => q.text);
        const expected = [
          c.wardCode,
          ...ward[c.wardCode as keyof typeof ward],
          ukIsoDay(new Date(c.recordedAt)),
          c.recordedAt.replace('.000Z', 'Z'),
          null,
          'Armley Community Centre',
          themeNames(c.themeIds),
          c.answers[0].text,
          c.answers[1].text,
          consented[0],
          consented[1] ?? null,
          c.peopleCount
        ].map((v) => (v === '' ? null : v));
        expect(conversations[i + 1], `conversation ${i}`).toEqual(expected);
      });

      // Ward × theme: as the ward pages' query counts them, hidden as the monthly summary and ward figures hide them.
      const threshold = await store.suppressionThreshold(networkId);
      const onScreen = wardThemeRecords(wardThemeTable(await store.wardThemeCounts(networkId), themes, threshold));
      const wardSheet = valuesOf(workbook.getWorksheet('Ward × theme')!, onScreen.header.length);
      expect(wardSheet).toEqual([onScreen.header, ...onScreen.rows].map((row) => row.map((v) => (v === '' ? null : v))));
      const headingley = wardSheet.find((row) => row[0] === HEADINGLEY)!;
      expect(headingley[4]).toBe(100);
      expect(headingley).toContain(`fewer than ${threshold}`); // its 2nd theme (1 or 2 conversations) is hidden

      // Themes by month: the first row is the network report's months, hidden as the report hides them.
      const report = reportView({
        networkName: '', ward: null, filters: {}, filtersDescribed: [], threshold, indicators: [], mostDeprivedPercent: 10, wards: [], quoteLimit: 0,
        attribution: '', generatedAt: new Date(), pdfAvailable: false,
        figures: await store.reports.reportFigures(networkId, null, {}, 0)
      });
      const monthSheet = valuesOf(workbook.getWorksheet('Themes by month')!, report.months.length + 2);
      expect(monthSheet[0]).toEqual(['Theme', ...report.months.map((m) => m.label), 'All months']);
      const cell = (c: (typeof report.months)[number]['count']) => (c.shown ? c.count : countText(c, threshold));
      expect(monthSheet[1]).toEqual(['All conversations', ...report.months.map((m) => cell(m.count)), 1000]);
      expect(monthSheet.map((row) => row[0])).toEqual(['Theme', 'All conversations', ...themes.map((t) => t.name)]);
      expect(monthSheet.find((row) => row[0] === themes[1].name)!.slice(1)).toEqual(Array(report.months.length + 1).fill(`fewer than ${threshold}`));

      // Responses: one row, its text as text.
      const responses = valuesOf(workbook.getWorksheet('Responses')!, 11);
      expect(responses[1]).toEqual(['Armley Community Centre', themes[0].name, 'The whole network', '=HYPERLINK("x") — run a jobs fair 👷🏽', '2027-03-31', 'Planned', null, 'Kept within the network', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), null, null]);

      // Progression: the self-assessment, its stage a number, its evidence as text.
      const progression = valuesOf(workbook.getWorksheet('Progression')!, 9);
      expect(progression[1]).toEqual(['Armley Community Centre', themes[0].name, 2, expect.any(String), 'Yes', '2026-06-01', '+cmd|calc — 12 apprentices 🎓', seeded.people.staff.name, expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)]);

      // Anchor staff: the figures, responses and progression, never a conversation.
      const staff = await readBack((await ask('staff')).response!);
      expect(staff.worksheets.map((s) => s.name)).toEqual(['Ward × theme', 'Themes by month', 'Responses', 'Progression']);
      expect(valuesOf(staff.getWorksheet('Ward × theme')!, onScreen.header.length)).toEqual(wardSheet);
    });

    it('the filters narrow every sheet; a bad filter is a 400 in words', async () => {
      const { themes } = (await store.getReferenceData())!;
      const recorder = { organisationId: seeded.organisations.armley.id, workerId: seeded.workers.amina.id };
      await store.applyChanges(
        pushedBy(recorder, seeded.network.id, [
          makeConversation({ wardCode: ARMLEY, recordedAt: '2026-10-01T10:00:00.000Z', themeIds: [themes[0].id] }),
          makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-11-01T10:00:00.000Z' })
        ])
      );
      const workbook = await readBack((await ask('coordinator', `?wards=${HEADINGLEY}`)).response!);
      expect(workbook.getWorksheet('Conversations')!.rowCount).toBe(2);
      const wards = valuesOf(workbook.getWorksheet('Ward × theme')!, 2).slice(1).map((row) => row[0]);
      expect(wards).toEqual([HEADINGLEY, null]); // the chosen ward, then all wards' totals
      expect(valuesOf(workbook.getWorksheet('Themes by month')!, 2)[0]).toEqual(['Theme', 'November 2026']);
      const bad = await ask('coordinator', '?from=2026-02-30');
      expect(bad.status).toBe(400);
      expect(((await bad.response!.json()) as { error: { message: string } }).error.message).toMatch(/^From: /);
    });

    it('a download cancelled part way stops the read: no transaction is left open and the database answers at once', async () => {
      const recorder = { organisationId: seeded.organisations.armley.id, workerId: seeded.workers.amina.id };
      const made = Array.from({ length: 2500 }, (_, i) => makeConversation({ wardCode: ARMLEY, recordedAt: new Date(Date.UTC(2026, 5, 1) + i * 60_000).toISOString(), answers: answersOf('x'.repeat(400)) }));
      for (let i = 0; i < made.length; i += 500) await store.applyChanges(pushedBy(recorder, seeded.network.id, made.slice(i, i + 500)));
      const answer = await ask('coordinator');
      const reader = answer.response!.body!.getReader();
      await reader.read();
      await reader.cancel();
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (db.kind === 'postgres') {
        const [row] = await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
        expect(row.n).toBe(0);
      }
      expect(await store.countConversations(seeded.network.id)).toBe(2500);
    });
  });
}
