import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { ExportFilters } from '../../../src/lib/domain/ward-map';
import { conversationCells, conversationHeader } from '../../../src/lib/export/conversations-csv';
import { contactCells, contactHeader } from '../../../src/lib/export/contact-details-csv';
import { csvStream, FORMULA_START } from '../../../src/lib/export/csv';
import type { Store } from '../../../src/lib/server/store';
import type { SqlClient, SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { answersOf, makeConversation } from '../../support/conversations';
import { addRecorder, deleteBy, pushedBy, type Recorder } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const SYSTEM = { kind: 'system' as const, id: null, name: 'Test' };

/** Every string of the Big List of Naughty Strings PostgreSQL can hold (no NUL) and the app accepts (no lone surrogate). */
const NAUGHTY: string[] = (createRequire(import.meta.url)('big-list-of-naughty-strings/blns.json') as string[]).filter(
  (s) => !s.includes('\u0000') && s.isWellFormed()
);
const AWKWARD = [
  '=HYPERLINK("http://evil.example","click")',
  '+44 113 496 0000',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '=1+1\nsecond line',
  'Café ☕ 👩🏽‍🦳 🏳️‍🌈',
  'مرحبا بالعالم — نحتاج حافلات',
  'שלום עולם',
  'She said "it\'s grand", then left',
  'line one\r\nline two',
  ' leading and trailing spaces ',
  "'=already quoted"
];
export const TEXTS = [...NAUGHTY, ...AWKWARD];

/** Wraps a database so a test can see each query it is asked and whether a transaction is open. */
export function watched(db: SqlDatabase) {
  const seen = { queries: 0, openTransactions: 0 };
  const client = (inner: SqlClient): SqlClient => ({
    query: (text, params) => {
      seen.queries++;
      return inner.query(text, params);
    },
    exec: (script) => inner.exec(script),
    // A portal's batches count as queries: each is a round trip that reads rows.
    ...(inner.cursor && {
      cursor: (text, params, batchRows, each) =>
        inner.cursor!(text, params, batchRows, (rows) => {
          seen.queries++;
          return each(rows as never);
        })
    })
  });
  const wrapped: SqlDatabase = {
    kind: db.kind,
    ...client(db),
    transaction: async (work) => {
      seen.openTransactions++;
      try {
        return await db.transaction((tx) => work(client(tx)));
      } finally {
        seen.openTransactions--;
      }
    },
    close: () => db.close()
  };
  return { db: wrapped, seen };
}

/** A CSV stream's text, whole. */
const textOf = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

/** What a cell must read as in the file: the value, with `'` before a formula's first character. */
const neutralised = (value: string | number | null) => (value === null ? '' : typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value);

/**
 * Exports (issue 14) held to the same behaviour on embedded PGlite (exports.test.ts) and a real
 * PostgreSQL server (exports.pg.test.ts): the rows, the filters, what never leaves the database,
 * and a read that stops when the download is cancelled.
 */
export function describeExportsContract(kind: string, openEmpty: () => Promise<{ store: Store; db: SqlDatabase }>) {
  describe(`exports on ${kind}`, () => {
    let store: Store;
    let db: SqlDatabase;
    let networkId: string;
    let recorder: Recorder;
    beforeEach(async () => {
      ({ store, db } = await openEmpty());
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      recorder = await addRecorder(store, networkId);
      return () => store.close();
    });
    const push = (items: Parameters<typeof pushedBy>[2]) => store.applyChanges(pushedBy(recorder, networkId, items));
    const conversations = async (filters: ExportFilters = {}, pageSize?: number) => {
      const opened = await store.exports.openConversationExport(networkId, filters, pageSize);
      const rows = [];
      for await (const page of opened.pages) rows.push(...page);
      return { head: opened.head, rows };
    };
    const contacts = async (filters: ExportFilters = {}) => {
      const opened = await store.exports.openContactExport(networkId, filters);
      const rows = [];
      for await (const page of opened.pages) rows.push(...page);
      return { head: opened.head, rows };
    };

    it('round trip: 1,000 conversations of naughty, right-to-left, emoji and formula-like text come back from the CSV intact, with no unconsented quote, contact details or equality answers', async () => {
      const { themes } = (await store.getReferenceData())!;
      const made: Conversation[] = [];
      for (let i = 0; i < 1000; i++) {
        const text = (n: number) => TEXTS[(i * 3 + n) % TEXTS.length];
        made.push(
          makeConversation({
            wardCode: i % 2 ? ARMLEY : HEADINGLEY,
            recordedAt: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(),
            answers: answersOf(text(0), text(1)),
            quotes: [
              { text: text(2) || 'x', consentToQuote: true },
              { text: `UNCONSENTED quote ${i} ${text(3)}`, consentToQuote: false },
              ...(i % 3 === 0 ? [{ text: text(4) || 'y', consentToQuote: true }] : [])
            ],
            // Named in the themes' order whichever order the conversation holds them in (and each once).
            themeIds: i % 8 === 0 ? [themes[2].id, themes[0].id, themes[2].id] : i % 4 === 0 ? [themes[0].id, themes[2].id] : [],
            peopleCount: (i % 50) + 1,
            equality: { sex: 'female', ethnicity: 'white-roma' },
            followUp: { wanted: true, contact: `CONTACT-DETAILS-${i}@example.org` }
          })
        );
      }
      for (let i = 0; i < made.length; i += 250) await push(made.slice(i, i + 250));

      const opened = await store.exports.openConversationExport(networkId, {}, 128);
      expect(opened.head).toMatchObject({ rows: 1000, maxQuotes: 2 });
      const header = conversationHeader(opened.head);
      const text = await textOf(csvStream({ header, pages: opened.pages, cells: (row) => conversationCells(row, opened.head), close: opened.close }));
      expect(text).not.toMatch(/UNCONSENTED|CONTACT-DETAILS|white-roma/);
      const parsed = Papa.parse<string[]>(text, { newline: '\r\n' });
      expect(parsed.errors).toEqual([]);
      const [fileHeader, ...records] = parsed.data.filter((r) => !(r.length === 1 && r[0] === ''));
      expect(fileHeader).toEqual(header);
      expect(records).toHaveLength(1000);
      const ward = { [ARMLEY]: ['Armley', 'Leeds'], [HEADINGLEY]: ['Headingley & Hyde Park', 'Leeds'] };
      made.forEach((c, i) => {
        const consented = c.quotes.filter((q) => q.consentToQuote).map((q) => q.text);
        const expected = [
          c.wardCode,
          ...ward[c.wardCode as keyof typeof ward],
          c.recordedAt.slice(0, 10),
          c.recordedAt.replace('.000Z', 'Z'),
          null,
          'Armley Community Centre',
          c.themeIds.length ? `${themes[0].name}; ${themes[2].name}` : '',
          c.answers[0].text,
          c.answers[1].text,
          consented[0],
          consented[1] ?? null,
          c.peopleCount
        ].map(neutralised);
        expect(records[i], `conversation ${i}`).toEqual(expected);
      });
      for (const record of records) for (const cell of record) expect(FORMULA_START.test(cell), cell).toBe(false);
    });

    it('narrows by theme, dates (UK days), event, organisation, wards and most deprived wards, and leaves out erased conversations', async () => {
      const { themes } = (await store.getReferenceData())!;
      const day = await store.addEvent(networkId, { name: 'Armley listening day', date: '2026-11-20', place: '' });
      const other = await addRecorder(store, networkId, 'Hyde Park Residents', 'Bo');
      const a = makeConversation({ wardCode: ARMLEY, eventId: day.id, themeIds: [themes[0].id], recordedAt: '2026-06-30T23:30:00.000Z' }); // 1 July in the UK
      const b = makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-07-02T10:00:00.000Z' });
      const erased = makeConversation({ wardCode: ARMLEY, themeIds: [themes[0].id], recordedAt: '2026-07-01T10:00:00.000Z' });
      await push([a, b, erased]);
      await store.applyChanges(pushedBy(other, networkId, [makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-07-03T10:00:00.000Z' })]));
      await push([deleteBy(recorder, erased.id)]);
      const wards = async (filters: ExportFilters) => (await conversations(filters)).rows.map((r) => `${r.wardCode}@${r.date}`);

      expect(await wards({})).toEqual([`${ARMLEY}@2026-07-01`, `${HEADINGLEY}@2026-07-02`, `${HEADINGLEY}@2026-07-03`]);
      expect(await wards({ themeId: themes[0].id })).toEqual([`${ARMLEY}@2026-07-01`]);
      expect(await wards({ from: '2026-07-01', to: '2026-07-01' })).toEqual([`${ARMLEY}@2026-07-01`]);
      expect(await wards({ eventId: day.id })).toEqual([`${ARMLEY}@2026-07-01`]);
      expect(await wards({ eventId: 'none' })).toEqual([`${HEADINGLEY}@2026-07-02`, `${HEADINGLEY}@2026-07-03`]);
      expect(await wards({ organisationId: other.organisationId })).toEqual([`${HEADINGLEY}@2026-07-03`]);
      expect(await wards({ wardCodes: [HEADINGLEY] })).toEqual([`${HEADINGLEY}@2026-07-02`, `${HEADINGLEY}@2026-07-03`]);

      const values = networkSetupFromFile(WARD_FILES.leeds).wards.map((w, i) => ({ code: w.code, value: w.code === ARMLEY ? 1 : 100 + i }));
      const { id: indicatorId } = await store.saveWardIndicator(networkId, { name: 'IMD rank', source: 'test', lowerIsMoreDeprived: true, values });
      expect(await wards({ mostDeprivedBy: indicatorId })).toEqual([`${ARMLEY}@2026-07-01`]);
      expect((await conversations({ wardCodes: [HEADINGLEY] })).head.rows).toBe(2);
    });

    it('reads a page at a time in order, whatever the page size', async () => {
      const made = Array.from({ length: 25 }, (_, i) => makeConversation({ wardCode: ARMLEY, peopleCount: i + 1, recordedAt: new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString() }));
      await push(made);
      for (const size of [1, 7, 25, 100]) expect((await conversations({}, size)).rows.map((r) => r.peopleCount)).toEqual(made.map((c) => c.peopleCount));
    });

    it('the contact details and equality answers export holds them, but never equality answers withdrawn or contact details deleted', async () => {
      const withdrawn = makeConversation({ wardCode: ARMLEY, equality: { sex: 'male' }, recordedAt: '2026-07-01T10:00:00.000Z' });
      const done = makeConversation({ wardCode: ARMLEY, followUp: { wanted: true, contact: 'done@example.org' }, recordedAt: '2026-07-02T10:00:00.000Z' });
      const both = makeConversation({ wardCode: HEADINGLEY, equality: { ethnicity: 'white-roma' }, followUp: { wanted: true, contact: '=cmd|" /C calc"!A0' }, recordedAt: '2026-07-03T10:00:00.000Z' });
      const neither = makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-07-04T10:00:00.000Z' });
      const erased = makeConversation({ wardCode: ARMLEY, followUp: { wanted: true, contact: 'erased@example.org' }, recordedAt: '2026-07-05T10:00:00.000Z' });
      await push([withdrawn, done, both, neither, erased]);
      await store.residentRequests.withdrawEquality(networkId, withdrawn.id, SYSTEM);
      await store.retention.markFollowUpDone(networkId, done.id, { actor: SYSTEM, organisationId: null });
      await store.residentRequests.erase(networkId, erased.id, SYSTEM);

      const { head, rows } = await contacts();
      expect(head.rows).toBe(1);
      expect(rows).toEqual([expect.objectContaining({ wardCode: HEADINGLEY, contact: '=cmd|" /C calc"!A0', equality: { ethnicity: 'white-roma' } })]);
      const text = await textOf(csvStream({ header: contactHeader(), pages: (async function* () { yield rows; })(), cells: contactCells, close: async () => {} }));
      const [, record] = Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data;
      expect(record).toContain(`'=cmd|" /C calc"!A0`);
      expect(record).toContain('White: Roma');
      expect(text).not.toMatch(/done@example|erased@example|Male/);
    });

    it('cancelling the download stops the read and ends its transaction', async () => {
      await push(Array.from({ length: 30 }, (_, i) => makeConversation({ wardCode: ARMLEY, recordedAt: new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString() })));
      const { db: spied, seen } = watched(db);
      const { createSqlStore } = await import('../../../src/lib/server/store/sql-store');
      const exports = createSqlStore(spied).exports;
      const opened = await exports.openConversationExport(networkId, {}, 5);
      const stream = csvStream({ header: conversationHeader(opened.head), pages: opened.pages, cells: (row) => conversationCells(row, opened.head), close: opened.close });
      const reader = stream.getReader();
      await reader.read(); // the header
      await reader.read(); // the first page
      expect(seen.openTransactions).toBe(db.kind === 'postgres' ? 1 : 0);
      const before = seen.queries;
      await reader.cancel();
      expect(seen.openTransactions).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen.queries - before).toBeLessThanOrEqual(1); // at most the page already asked for, never the rest
      if (db.kind === 'postgres') {
        const [row] = await db.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`
        );
        expect(row.n).toBe(0);
      }
      // The database answers at once: nothing is left holding it.
      expect(await store.countConversations(networkId)).toBe(30);
    });

    if (kind === 'PostgreSQL') {
      it('reads every page from one snapshot: a conversation written during the export is not in it', async () => {
        await push(Array.from({ length: 10 }, (_, i) => makeConversation({ wardCode: ARMLEY, recordedAt: new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString() })));
        const opened = await store.exports.openConversationExport(networkId, {}, 3);
        const first = await opened.pages.next();
        await push([makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-12-01T10:00:00.000Z' })]);
        let rows = first.done ? 0 : first.value.length;
        for await (const page of opened.pages) rows += page.length;
        expect([opened.head.rows, rows]).toEqual([10, 10]);
        expect((await conversations()).rows).toHaveLength(11);
      });
    }
  });
}

