import type { EqualityAnswers } from '$lib/domain/equality-monitoring';
import type { ExportFilters } from '$lib/domain/ward-map';
import { readInSnapshot } from './snapshot-reads';
import type { SqlClient, SqlDatabase } from './sql-database';
import { filterSql } from './export-filter-sql';

/** Rows read from the database at a time: small enough to keep memory flat, big enough to be quick. */
export const EXPORT_PAGE_ROWS = 1000;

/** One conversation as the Conversations export holds it: never contact details or equality answers. */
export interface ConversationExportRow {
  wardCode: string;
  wardName: string | null;
  localAuthority: string | null;
  /** The UK day it was recorded, yyyy-mm-dd. */
  date: string;
  /** When it was recorded, ISO 8601 in UTC. */
  recordedAt: string;
  eventName: string | null;
  organisationName: string | null;
  themeNames: string[];
  /** As stored: each answer with its prompt's id and wording when asked. */
  answers: { promptId: string; prompt: string; text: string }[];
  /** Quotes whose resident agreed to be quoted, in order; no other quote leaves the database. */
  quotes: string[];
  peopleCount: number;
}

/** One conversation's follow-up contact details and equality answers (coordinators only). */
export interface ContactExportRow {
  referenceCode: string | null;
  wardCode: string;
  wardName: string | null;
  date: string;
  recordedAt: string;
  organisationName: string | null;
  /** Null when there are none: not wanted, or deleted after the follow-up or the retention period. */
  contact: string | null;
  /** Empty when the resident gave none or withdrew them (`equality_withdrawn_at`). */
  equality: EqualityAnswers;
}

/** What an export holds before its rows: counted in the same snapshot as the rows. */
export interface ExportHead {
  rows: number;
  /** The most consented quotes one conversation has (the Conversations export's quote columns). */
  maxQuotes: number;
  /** The network's prompts, current ones first in their order, then archived ones. */
  prompts: { id: string; text: string }[];
}

/**
 * An export opened: its head, and its rows a page at a time. Whoever opens one must read `pages`
 * to the end or call `close()` (which ends the read's transaction at once; safe to call twice).
 */
export interface OpenExport<Row> {
  head: ExportHead;
  pages: AsyncGenerator<Row[], void, undefined>;
  close(): Promise<void>;
}

const UK_DAY = `to_char(c.recorded_at at time zone 'Europe/London', 'YYYY-MM-DD')`;
const UTC_INSTANT = `to_char(c.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** The keyset position, to the microsecond and as text (postgres.js would bind a Date, keeping milliseconds). */
/** The order an export's rows come in, and the keyset pages' position. */
const EXPORT_ORDER = 'c.recorded_at, c.id';
const POSITION = `to_char(c.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "positionAt", c.id::text as "positionId"`;
const CONSENTED_QUOTES = `array(select q.value->>'text' from jsonb_array_elements(c.quotes) with ordinality as q(value, n)
                                where (q.value->>'consentToQuote')::boolean order by q.n)`;
const HAS_SENSITIVE = `(f.contact is not null or (c.equality_withdrawn_at is null and c.equality <> '{}'::jsonb))`;

async function prompts(db: SqlClient, networkId: string): Promise<ExportHead['prompts']> {
  return db.query(`select id::text as id, text from prompts where network_id = $1 order by archived, position, id`, [networkId]);
}

/** How a page's rows, as the database gives them, become the export's (with what was read once for the whole export). */
interface Decode<Raw, Row, Lookup> {
  lookup: (tx: SqlClient) => Promise<Lookup>;
  row: (raw: Raw, lookup: Lookup) => Row;
}

/**
 * Reads `select` (whose conditions are in `where`, with `params`) by (recorded time, id) in
 * batches of `pageSize`, after the head (`count` over the same rows), in one snapshot with
 * anything `decode` looks up first. On PostgreSQL the rows come through one portal; on PGlite in
 * keyset pages, each a statement of its own (see `readInSnapshot`).
 */
async function openExport<Row, Raw = Row, Lookup = undefined>(
  db: SqlDatabase,
  networkId: string,
  query: { params: unknown[]; bind: (value: unknown) => string; where: string; from: string; select: string; count: string },
  pageSize: number,
  decode?: Decode<Raw, Row, Lookup>
): Promise<OpenExport<Row>> {
  type Item = { head: ExportHead } | { rows: Row[] };
  const read = readInSnapshot<Item>(db, async (tx, handOut) => {
    const [counted] = await tx.query<{ rows: number; maxQuotes: number }>(`select ${query.count} from ${query.from} where ${query.where}`, query.params);
    if (!(await handOut({ head: { rows: counted.rows, maxQuotes: counted.maxQuotes, prompts: await prompts(tx, networkId) } }))) return;
    const lookup = decode && (await decode.lookup(tx));
    // Undecoded, each row keeps any position fields: copying 1,000 rows to drop them costs more than they do.
    const rowsOf = (page: Raw[]) => (decode ? page.map((raw) => decode.row(raw, lookup as Lookup)) : (page as unknown as Row[]));
    if (tx.cursor) {
      const sql = `select ${query.select} from ${query.from} where ${query.where} order by ${EXPORT_ORDER}`;
      await tx.cursor<Raw>(sql, query.params, pageSize, (page) => handOut({ rows: rowsOf(page) }));
      return;
    }
    await readKeysetPages<Raw>(tx, query, pageSize, (page) => handOut({ rows: rowsOf(page) }));
  });
  const first = await read.next();
  if (first.done || !('head' in first.value)) throw new Error('The export read gave no head');
  const head = first.value.head;
  async function* pages(): AsyncGenerator<Row[], void, undefined> {
    try {
      for await (const item of read) if ('rows' in item) yield item.rows;
    } finally {
      await read.return();
    }
  }
  return { head, pages: pages(), close: async () => void (await read.return()) };
}

/** The rows in pages of `pageSize`, each page a statement of its own, after the last page's (recorded time, id). */
async function readKeysetPages<Raw>(
  db: SqlClient,
  query: { params: unknown[]; where: string; from: string; select: string },
  pageSize: number,
  each: (page: Raw[]) => Promise<boolean>
): Promise<void> {
  const params = [...query.params];
  const at = `$${params.push(null)}`;
  const id = `$${params.push(null)}`;
  const limit = `$${params.push(pageSize)}`;
  const sql = `select ${query.select}, ${POSITION} from ${query.from}
                where ${query.where} and (${at}::text is null or (c.recorded_at, c.id) > (${at}::text::timestamptz, ${id}::uuid))
                order by ${EXPORT_ORDER} limit ${limit}`;
  for (;;) {
    const rows = await db.query<Raw & { positionAt: string; positionId: string }>(sql, params);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    params[params.length - 3] = last.positionAt;
    params[params.length - 2] = last.positionId;
    if (!(await each(rows)) || rows.length < pageSize) return;
  }
}

/** A Conversations export row as the database sends it: its values in one JSON array (`ROW_VALUES`). */
type ConversationValues = [
  wardCode: string,
  wardName: string | null,
  localAuthority: string | null,
  date: string,
  recordedAt: string,
  eventName: string | null,
  organisationName: string | null,
  themeIds: string[] | null,
  answers: ConversationExportRow['answers'],
  quotes: string[],
  peopleCount: number
];

/**
 * Each row as one JSON array, not eleven columns: both drivers then parse one field a row with
 * `JSON.parse` instead of eleven, two of them arrays (PGlite parses every field in JavaScript:
 * this took the 100,000-row read from about 5.3 s to 2.7 s of CPU). Theme names are looked up
 * from the network's themes, read once, rather than by a subselect a row.
 */
const ROW_VALUES = `json_build_array(c.ward_code, w.name, w.local_authority_name, ${UK_DAY}, ${UTC_INSTANT}, e.name, o.name,
                                     c.theme_ids, c.answers, ${CONSENTED_QUOTES}, c.people_count) as "values"`;

/** The network's themes by id, with their position (their order in a row's Themes cell): archived ones too. */
type ThemeLookup = Map<string, { name: string; position: number }>;

async function themeLookup(tx: SqlClient, networkId: string): Promise<ThemeLookup> {
  const themes = await tx.query<{ id: string; name: string; position: number }>(
    'select id::text as id, name, position from themes where network_id = $1',
    [networkId]
  );
  return new Map(themes.map((t) => [t.id, { name: t.name, position: t.position }]));
}

/** A row's theme names, each once, in the themes' order: what `array(select t.name … order by t.position)` gave. */
function themeNames(ids: readonly string[] | null, themes: ThemeLookup): string[] {
  if (!ids || ids.length === 0) return [];
  const found = [...new Set(ids)].flatMap((id) => themes.get(id) ?? []);
  if (found.length > 1) found.sort((a, b) => a.position - b.position);
  return found.map((t) => t.name);
}

/**
 * The Conversations export (issue 14): the network's live conversations matching the filters,
 * oldest first, with their ward's, event's, organisation's and themes' names and only the quotes
 * their residents agreed to share. Never contact details or equality answers. Erased
 * conversations are gone from the table (and `deleted_at` leaves out their tombstones).
 */
export async function openConversationExport(
  db: SqlDatabase,
  networkId: string,
  filters: ExportFilters,
  pageSize = EXPORT_PAGE_ROWS
): Promise<OpenExport<ConversationExportRow>> {
  const query = filterSql(networkId, filters);
  return openExport<ConversationExportRow, { values: ConversationValues }, ThemeLookup>(
    db,
    networkId,
    {
      ...query,
      from: `conversations c
        left join wards w on w.network_id = c.network_id and w.code = c.ward_code
        left join organisations o on o.id = c.organisation_id
        left join listening_events e on e.id = c.event_id`,
      count: `count(*)::int as rows, coalesce(max(cardinality(${CONSENTED_QUOTES})), 0)::int as "maxQuotes"`,
      select: ROW_VALUES
    },
    pageSize,
    {
      lookup: (tx) => themeLookup(tx, networkId),
      row: ({ values: v }, themes) => ({
        wardCode: v[0],
        wardName: v[1],
        localAuthority: v[2],
        date: v[3],
        recordedAt: v[4],
        eventName: v[5],
        organisationName: v[6],
        themeNames: themeNames(v[7], themes),
        answers: v[8],
        quotes: v[9],
        peopleCount: v[10]
      })
    }
  );
}

/**
 * The contact details and equality answers export (coordinators only, audited): conversations
 * matching the filters that still hold either. Equality answers withdrawn at the resident's
 * request are never read; contact details deleted (follow-up done, retention) are gone.
 */
export async function openContactExport(
  db: SqlDatabase,
  networkId: string,
  filters: ExportFilters,
  pageSize = EXPORT_PAGE_ROWS
): Promise<OpenExport<ContactExportRow>> {
  const query = filterSql(networkId, filters);
  return openExport<ContactExportRow>(
    db,
    networkId,
    {
      ...query,
      where: `${query.where} and ${HAS_SENSITIVE}`,
      from: `conversations c
        left join follow_up_contacts f on f.conversation_id = c.id
        left join wards w on w.network_id = c.network_id and w.code = c.ward_code
        left join organisations o on o.id = c.organisation_id`,
      count: `count(*)::int as rows, 0 as "maxQuotes"`,
      select: `c.reference_code as "referenceCode", c.ward_code as "wardCode", w.name as "wardName",
               ${UK_DAY} as date, ${UTC_INSTANT} as "recordedAt", o.name as "organisationName",
               f.contact, case when c.equality_withdrawn_at is null then c.equality else '{}'::jsonb end as equality`
    },
    pageSize
  );
}

/**
 * The SQL of the Conversations export's rows as one statement (no paging), for the benchmark to
 * run under PostgreSQL's own `COPY (…) TO STDOUT WITH CSV`: the peer the export is measured against.
 */
export function conversationExportSql(networkId: string, filters: ExportFilters): { sql: string; params: unknown[] } {
  const query = filterSql(networkId, filters);
  return {
    sql: `select c.ward_code, w.name, w.local_authority_name, ${UK_DAY}, ${UTC_INSTANT}, e.name, o.name,
                 array_to_string(array(select t.name from themes t where t.network_id = c.network_id and t.id = any(c.theme_ids) order by t.position), '; '),
                 c.answers, array_to_string(${CONSENTED_QUOTES}, ' | '), c.people_count
            from conversations c
            left join wards w on w.network_id = c.network_id and w.code = c.ward_code
            left join organisations o on o.id = c.organisation_id
            left join listening_events e on e.id = c.event_id
           where ${query.where} order by ${EXPORT_ORDER}`,
    params: query.params
  };
}

/**
 * How many rows each export would hold for these filters (the export page says so before
 * anyone downloads): conversations, and those with contact details or equality answers.
 */
export async function exportCounts(db: SqlClient, networkId: string, filters: ExportFilters): Promise<{ conversations: number; contactRows: number }> {
  const query = filterSql(networkId, filters);
  const [row] = await db.query<{ conversations: number; contactRows: number }>(
    `select count(*)::int as conversations, (count(*) filter (where ${HAS_SENSITIVE}))::int as "contactRows"
       from conversations c left join follow_up_contacts f on f.conversation_id = c.id
      where ${query.where}`,
    query.params
  );
  return row;
}
