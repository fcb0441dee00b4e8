import type { Migration } from './migration';

/**
 * Issue 11: every app now parses dates only from 2000 to 2100 (domain/instant.ts), so one
 * stored before from a tablet whose clock was wrong would stop every pull that reaches it. It
 * becomes the time the server received the conversation; the audit log keeps the date the
 * tablet gave. A new revision and sequence number carry the change to every device (S4).
 */
export default {
  id: '010-recorded-at-within-range',
  sql: `
    create temporary table out_of_range on commit drop as
      select c.id, c.network_id, c.recorded_at, c.received_at,
             row_number() over (partition by c.network_id order by c.seq) as n,
             count(*) over (partition by c.network_id) as k
        from conversations c
       where c.deleted_at is null
         and (c.recorded_at < '2000-01-01T00:00:00Z' or c.recorded_at > '2100-01-01T00:00:00Z');
    insert into audit_log (network_id, actor_kind, actor_name, action, subject, details)
      select network_id, 'system', 'Anchor Listening', 'conversation-date-corrected', id::text,
             jsonb_build_object('recordedAt', recorded_at::text, 'correctedTo', received_at::text)
        from out_of_range;
    update networks w set last_seq = w.last_seq + r.k
      from (select distinct network_id, k from out_of_range) r where r.network_id = w.id;
    update conversations c set recorded_at = r.received_at, revision = c.revision + 1,
           seq = (select last_seq from networks w where w.id = r.network_id) - r.k + r.n
      from out_of_range r where r.id = c.id;
  `
} satisfies Migration;
