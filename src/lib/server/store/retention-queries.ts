import { CONTACT_RETENTION_MONTHS, expiredContactsSubject, type ContactDeletionReason } from '$lib/domain/contact-retention';
import type { AuditActor } from '$lib/domain/audit';
import { record as recordAudit } from './audit-queries';
import type { SqlClient, SqlDatabase } from './sql-database';

/**
 * Follow-up contact details kept only as long as they are needed (issue 13): deleted a number of
 * months after the conversation by a daily job, or at once when the follow-up is marked done.
 * Deleting them removes every copy the server holds (the contact row and any value of them kept
 * in the conversation's history) and marks the conversation, so a tablet's later edit cannot bring
 * them back (SYNC-SPEC S10).
 */

/** Serialises runs of the daily job across server processes sharing a PostgreSQL database. */
const RETENTION_JOB_LOCK = 7261314;

/** How many months after the conversation its contact details are kept (12 until a coordinator sets it). */
export async function contactRetentionMonths(db: SqlClient, networkId: string): Promise<number> {
  const [row] = await db.query<{ months: number }>('select contact_retention_months as months from networks where id = $1', [networkId]);
  return row?.months ?? CONTACT_RETENTION_MONTHS.default;
}

export async function setContactRetentionMonths(db: SqlDatabase, networkId: string, months: number): Promise<void> {
  await db.query('update networks set contact_retention_months = $2 where id = $1', [networkId, months]);
}

/**
 * Deletes these conversations' contact details for good. Each conversation gets a new revision
 * and the network's next sequence number, so the tablet that recorded it (which kept its own copy)
 * pulls it again with the contact details withheld (S4). Run inside the caller's transaction.
 */
async function forgetContactDetails(tx: SqlClient, networkId: string, ids: string[], reason: ContactDeletionReason, now: Date) {
  const list = JSON.stringify(ids);
  await tx.query('delete from follow_up_contacts where conversation_id::text in (select jsonb_array_elements_text($1::jsonb))', [list]);
  // A contact given in an edit that lost to another (S5) is kept in the history: it goes too.
  await tx.query(
    `delete from conversation_history where field = 'followUp' and conversation_id::text in (select jsonb_array_elements_text($1::jsonb))`,
    [list]
  );
  const [{ last }] = await tx.query<{ last: string }>(
    'update networks set last_seq = last_seq + $2 where id = $1 returning last_seq::text as last',
    [networkId, ids.length]
  );
  await tx.query(
    `update conversations c
        set contact_deleted_at = $3::timestamptz, contact_deleted_reason = $4, revision = c.revision + 1,
            seq = $5::bigint - $6::bigint + t.n
       from jsonb_array_elements_text($1::jsonb) with ordinality as t(id, n)
      where c.id = t.id::uuid and c.network_id = $2`,
    [list, networkId, now.toISOString(), reason, last, ids.length]
  );
}

export type FollowUpDoneOutcome = 'done' | 'already-deleted' | 'not-wanted' | 'not-found';

/**
 * Marks a conversation's follow-up done and deletes its contact details at once, recording when
 * and by whom. `organisationId` limits it to one organisation's conversations (a lead's); null
 * for a coordinator. The audit log names the conversation, never the details.
 */
export async function markFollowUpDone(
  db: SqlDatabase,
  networkId: string,
  conversationId: string,
  by: { actor: AuditActor; organisationId: string | null },
  now: Date = new Date()
): Promise<FollowUpDoneOutcome> {
  return db.transaction(async (tx) => {
    const [target] = await tx.query<{ wanted: boolean; deleted: boolean }>(
      `select follow_up_wanted as wanted, contact_deleted_at is not null as deleted from conversations
        where id = $1 and network_id = $2 and deleted_at is null and ($3::uuid is null or organisation_id = $3::uuid)
        for update`,
      [conversationId, networkId, by.organisationId]
    );
    if (!target) return 'not-found';
    if (!target.wanted) return 'not-wanted';
    if (target.deleted) return 'already-deleted';
    await forgetContactDetails(tx, networkId, [conversationId], 'follow-up-done', now);
    await tx.query('update conversations set follow_up_done_at = $2::timestamptz, follow_up_done_by = $3 where id = $1', [
      conversationId,
      now.toISOString(),
      by.actor.kind === 'person' ? by.actor.id : null
    ]);
    await recordAudit(tx, networkId, { actor: by.actor, action: 'follow-up-done', subject: conversationId });
    return 'done';
  });
}

const SYSTEM: AuditActor = { kind: 'system', id: null, name: 'Anchor Listening' };

/**
 * Deletes the contact details of every conversation recorded longer ago than its network keeps
 * them, as at `now`, and writes how many to the audit log (never whose). One run at a time across
 * processes (an advisory lock held to commit), so two servers starting together delete each once.
 */
export async function deleteExpiredContactDetails(
  db: SqlDatabase,
  now: Date
): Promise<{ networkId: string; months: number; conversations: number }[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [RETENTION_JOB_LOCK]);
    const networks = await tx.query<{ id: string; months: number }>('select id::text as id, contact_retention_months as months from networks order by id');
    const done: { networkId: string; months: number; conversations: number }[] = [];
    for (const network of networks) {
      const expired = await tx.query<{ id: string }>(
        `select id::text as id from conversations
          where network_id = $1 and follow_up_wanted and contact_deleted_at is null and deleted_at is null
            and recorded_at < $2::timestamptz - make_interval(months => $3::int)
          order by recorded_at, id for update`,
        [network.id, now.toISOString(), network.months]
      );
      if (expired.length === 0) continue;
      await forgetContactDetails(
        tx,
        network.id,
        expired.map((row) => row.id),
        'retention',
        now
      );
      await recordAudit(tx, network.id, {
        actor: SYSTEM,
        action: 'contact-details-expired',
        subject: expiredContactsSubject(network.months, expired.length),
        details: { months: network.months, conversations: expired.length }
      });
      done.push({ networkId: network.id, months: network.months, conversations: expired.length });
    }
    return done;
  });
}
