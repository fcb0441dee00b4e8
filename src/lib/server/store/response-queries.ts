import { uuidv7 } from 'uuidv7';
import type { AnchorResponse, EvidenceFigure, ResponseFields, ResponseQuery, ResponseUpdateFields } from '$lib/domain/response';
import type { AnsweredWards } from '$lib/domain/not-yet-answered';
import type { Theme } from '$lib/domain/theme';
import type { SqlClient, SqlDatabase } from './sql-database';

/**
 * "You said, we did" (issue 15): anchor organisations' responses to what residents raised. Every
 * query takes the network; residents' words are never copied here (quotes are cited by their
 * ward and md5, and read back only while consented and not erased).
 */

export type ResponseRefusal = 'unknown-organisation' | 'unknown-theme' | 'unknown-ward' | 'unknown-quote' | 'not-found';
export type ResponseWrite = { ok: true; id: string } | { ok: false; reason: ResponseRefusal };

export interface Author {
  id: string;
  name: string;
}

/** Consented quotes of live conversations in these wards, with each one's digest (md5 of its words). */
const CONSENTED_QUOTES = `
  select c.ward_code, md5(q.quote->>'text') as digest, q.quote->>'text' as text, c.recorded_at, c.theme_ids
    from conversations c, jsonb_array_elements(c.quotes) as q (quote)
   where c.network_id = $1 and c.deleted_at is null and q.quote->'consentToQuote' = 'true'::jsonb`;

async function checkReferences(tx: SqlClient, networkId: string, fields: ResponseFields): Promise<ResponseRefusal | null> {
  const [row] = await tx.query<{ organisation: boolean; theme: boolean; wards: number; quotes: number }>(
    `select exists (select 1 from organisations where network_id = $1 and id = $2 and not archived) as organisation,
            exists (select 1 from themes where network_id = $1 and id = $3) as theme,
            (select count(*)::int from wards where network_id = $1 and current and code = any ($4::text[])) as wards,
            (select count(distinct (ward_code, digest))::int
               from (${CONSENTED_QUOTES} and c.ward_code = any ($5::text[])) quotes
              where (ward_code, digest) in (select * from unnest($5::text[], $6::text[]))) as quotes`,
    [
      networkId,
      fields.organisationId,
      fields.themeId,
      fields.wardCodes,
      fields.quotes.map((q) => q.wardCode),
      fields.quotes.map((q) => q.digest)
    ]
  );
  if (!row.organisation) return 'unknown-organisation';
  if (!row.theme) return 'unknown-theme';
  if (row.wards !== new Set(fields.wardCodes).size) return 'unknown-ward';
  if (row.quotes !== new Set(fields.quotes.map((q) => `${q.wardCode} ${q.digest}`)).size) return 'unknown-quote';
  return null;
}

/** The figures behind a response: each ward's conversations and those with the theme now (or the network's). */
async function evidenceFigures(tx: SqlClient, networkId: string, fields: ResponseFields): Promise<EvidenceFigure[]> {
  if (fields.wholeNetwork) {
    const [row] = await tx.query<EvidenceFigure>(
      `select null as "wardCode", 'All wards' as "wardName", count(*)::int as conversations,
              (count(*) filter (where $2::uuid = any (theme_ids)))::int as "withTheme"
         from conversations where network_id = $1 and deleted_at is null
          and ward_code in (select code from wards where network_id = $1 and current)`,
      [networkId, fields.themeId]
    );
    return [row];
  }
  return tx.query<EvidenceFigure>(
    `select w.code as "wardCode", w.name as "wardName", count(c.id)::int as conversations,
            (count(c.id) filter (where $2::uuid = any (c.theme_ids)))::int as "withTheme"
       from wards w left join conversations c on c.network_id = w.network_id and c.ward_code = w.code and c.deleted_at is null
      where w.network_id = $1 and w.code = any ($3::text[])
      group by w.code, w.name order by w.name`,
    [networkId, fields.themeId, fields.wardCodes]
  );
}

async function writeWardsAndQuotes(tx: SqlClient, networkId: string, id: string, fields: ResponseFields) {
  await tx.query('delete from response_wards where response_id = $1', [id]);
  await tx.query('delete from response_quotes where response_id = $1', [id]);
  const wardCodes = fields.wholeNetwork ? [] : [...new Set(fields.wardCodes)];
  if (wardCodes.length > 0) {
    await tx.query('insert into response_wards (response_id, network_id, ward_code) select $1, $2, unnest($3::text[])', [id, networkId, wardCodes]);
  }
  if (fields.quotes.length > 0) {
    await tx.query(
      'insert into response_quotes (response_id, ward_code, text_md5) select distinct $1::uuid, * from unnest($2::text[], $3::text[])',
      [id, fields.quotes.map((q) => q.wardCode), fields.quotes.map((q) => q.digest)]
    );
  }
}

/** A new response, all or nothing; refused (nothing written) when it names what is not the network's. */
export async function createResponse(db: SqlDatabase, networkId: string, fields: ResponseFields, author: Author): Promise<ResponseWrite> {
  return db.transaction(async (tx) => {
    const refusal = await checkReferences(tx, networkId, fields);
    if (refusal) return { ok: false, reason: refusal };
    const id = uuidv7();
    const evidence = await evidenceFigures(tx, networkId, fields);
    await tx.query(
      `insert into responses (id, network_id, organisation_id, theme_id, whole_network, action, due_by, status, reason, public, evidence, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)`,
      [id, networkId, fields.organisationId, fields.themeId, fields.wholeNetwork, fields.action, fields.dueBy, fields.status,
        fields.status === 'not-possible' ? (fields.reason ?? null) : null, fields.visibility === 'public', JSON.stringify(evidence), author.id]
    );
    await writeWardsAndQuotes(tx, networkId, id, fields);
    return { ok: true, id };
  });
}

/**
 * Changes a response's fields. Its evidence figures are those of when it was made, unless its
 * theme or wards change (then they are taken again). Refused, changing nothing, as create is.
 */
export async function updateResponse(db: SqlDatabase, networkId: string, id: string, fields: ResponseFields): Promise<ResponseWrite> {
  return db.transaction(async (tx) => {
    const [current] = await tx.query<{ themeId: string; wholeNetwork: boolean; wards: string[] }>(
      `select theme_id as "themeId", whole_network as "wholeNetwork",
              array(select ward_code from response_wards where response_id = r.id order by ward_code) as wards
         from responses r where network_id = $1 and id = $2 for update`,
      [networkId, id]
    );
    if (!current) return { ok: false, reason: 'not-found' };
    const refusal = await checkReferences(tx, networkId, fields);
    if (refusal) return { ok: false, reason: refusal };
    const sameScope =
      current.themeId === fields.themeId &&
      current.wholeNetwork === fields.wholeNetwork &&
      (fields.wholeNetwork || [...new Set(fields.wardCodes)].sort().join() === current.wards.join());
    const evidence = sameScope ? null : JSON.stringify(await evidenceFigures(tx, networkId, fields));
    await tx.query(
      `update responses set organisation_id = $3, theme_id = $4, whole_network = $5, action = $6, due_by = $7, status = $8,
              reason = $9, public = $10, evidence = coalesce($11::jsonb, evidence), updated_at = now()
        where network_id = $1 and id = $2`,
      [networkId, id, fields.organisationId, fields.themeId, fields.wholeNetwork, fields.action, fields.dueBy, fields.status,
        fields.status === 'not-possible' ? (fields.reason ?? null) : null, fields.visibility === 'public', evidence]
    );
    await writeWardsAndQuotes(tx, networkId, id, fields);
    return { ok: true, id };
  });
}

/** A dated note, which sets the response's status too. False (nothing written) for no such response. */
export async function addResponseNote(db: SqlDatabase, networkId: string, id: string, update: ResponseUpdateFields, author: Author): Promise<boolean> {
  return db.transaction(async (tx) => {
    const reason = update.status === 'not-possible' ? (update.reason ?? null) : null;
    const changed = await tx.query('update responses set status = $3, reason = $4, updated_at = now() where network_id = $1 and id = $2 returning id', [
      networkId,
      id,
      update.status,
      reason
    ]);
    if (changed.length === 0) return false;
    await tx.query(
      'insert into response_notes (id, response_id, status, reason, note, written_by, written_by_name) values ($1, $2, $3, $4, $5, $6, $7)',
      [uuidv7(), id, update.status, reason, update.note, author.id, author.name]
    );
    return true;
  });
}

/** The organisation a response is for, to decide who may edit it; null for no such response. */
export async function responseOrganisation(db: SqlClient, networkId: string, id: string): Promise<string | null> {
  const [row] = await db.query<{ organisationId: string }>('select organisation_id as "organisationId" from responses where network_id = $1 and id = $2', [networkId, id]);
  return row?.organisationId ?? null;
}

/**
 * Responses, newest first: all of the network's, or for a ward (its own and the whole network's),
 * a theme, public ones only. Each with its wards, its cited quotes still there to show, and notes.
 */
export async function listResponses(db: SqlClient, networkId: string, query: ResponseQuery = {}, id: string | null = null): Promise<AnchorResponse[]> {
  return db.query<AnchorResponse>(
    `select r.id, r.organisation_id as "organisationId", o.name as "organisationName", r.theme_id as "themeId", t.name as "themeName",
            r.whole_network as "wholeNetwork", r.action, to_char(r.due_by, 'YYYY-MM-DD') as "dueBy", r.status, r.reason,
            case when r.public then 'public' else 'network' end as visibility, r.evidence,
            to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
            to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt",
            (select coalesce(jsonb_agg(jsonb_build_object('code', w.code, 'name', w.name) order by w.name), '[]')
               from response_wards rw join wards w on w.network_id = rw.network_id and w.code = rw.ward_code
              where rw.response_id = r.id) as wards,
            (select coalesce(jsonb_agg(jsonb_build_object('wardCode', q.ward_code, 'digest', q.digest, 'text', q.text) order by q.ward_code, q.digest), '[]')
               from (select distinct on (cq.ward_code, cq.digest) cq.ward_code, cq.digest, cq.text
                       from response_quotes rq join (${CONSENTED_QUOTES}) cq on cq.ward_code = rq.ward_code and cq.digest = rq.text_md5
                      where rq.response_id = r.id) q) as quotes,
            (select coalesce(jsonb_agg(jsonb_build_object('id', n.id, 'status', n.status, 'reason', n.reason, 'note', n.note,
                                                          'writtenBy', n.written_by_name,
                                                          'writtenAt', to_char(n.written_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                                       order by n.written_at, n.id), '[]')
               from response_notes n where n.response_id = r.id) as notes
       from responses r
       join organisations o on o.id = r.organisation_id
       join themes t on t.id = r.theme_id
      where r.network_id = $1
        and ($2::text is null or r.whole_network or exists (select 1 from response_wards rw where rw.response_id = r.id and rw.ward_code = $2))
        and ($3::uuid is null or r.theme_id = $3)
        and (not $4 or r.public)
        and ($5::uuid is null or r.id = $5)
      order by r.created_at desc, r.id desc`,
    [networkId, query.wardCode ?? null, query.themeId ?? null, query.publicOnly === true, id]
  );
}

/** One response, or null when the network has none of that id. */
export async function getResponse(db: SqlClient, networkId: string, id: string): Promise<AnchorResponse | null> {
  const [response] = await listResponses(db, networkId, {}, id);
  return response ?? null;
}

/**
 * Each theme with a response (or only `themeId`), and the wards answered for it (whole network:
 * `wholeNetwork`), for "raised but not yet answered". Two small passes over the responses, which
 * are few (a thousand, not a conversation's hundred thousand), each by its (network, theme) index.
 */
export async function answeredWardThemes(db: SqlClient, networkId: string, themeId: string | null = null): Promise<AnsweredWards[]> {
  return db.query(
    `select r.theme_id as "themeId", bool_or(r.whole_network) as "wholeNetwork",
            array(select distinct rw.ward_code from response_wards rw join responses r2 on r2.id = rw.response_id
                   where r2.network_id = $1 and r2.theme_id = r.theme_id order by rw.ward_code) as "wardCodes"
       from responses r where r.network_id = $1 and ($2::uuid is null or r.theme_id = $2) group by r.theme_id order by r.theme_id`,
    [networkId, themeId]
  );
}

/** The network's themes in their order: what a response, or "not yet answered", may be about. */
export async function networkThemes(db: SqlClient, networkId: string): Promise<Theme[]> {
  return db.query('select id, name from themes where network_id = $1 order by position', [networkId]);
}

/** The wards answered for one theme: none when nobody has responded on it. */
export async function answeredWards(db: SqlClient, networkId: string, themeId: string): Promise<AnsweredWards> {
  const [answered] = await answeredWardThemes(db, networkId, themeId);
  return answered ?? { themeId, wholeNetwork: false, wardCodes: [] };
}

/** Consented quotes of a ward (newest first) a response may cite, with their digests. */
export async function citableQuotes(db: SqlClient, networkId: string, wardCodes: string[], limit: number): Promise<{ wardCode: string; digest: string; text: string }[]> {
  return db.query(
    `select ward_code as "wardCode", digest, text from (
       select distinct on (ward_code, digest) ward_code, digest, text, recorded_at
         from (${CONSENTED_QUOTES} and c.ward_code = any ($2::text[])) q
        order by ward_code, digest, recorded_at desc) quotes
      order by recorded_at desc, ward_code, digest limit $3`,
    [networkId, wardCodes, limit]
  );
}

/** Whether the network's public "You said, we did" ward pages are on (they are until a coordinator switches them off). */
export async function publicWardPagesOn(db: SqlClient, networkId: string): Promise<boolean> {
  const [row] = await db.query<{ on: boolean }>('select public_ward_pages as "on" from networks where id = $1', [networkId]);
  return row?.on ?? false;
}

export async function setPublicWardPages(db: SqlClient, networkId: string, on: boolean): Promise<void> {
  await db.query('update networks set public_ward_pages = $2 where id = $1', [networkId, on]);
}
