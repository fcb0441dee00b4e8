import { mayMarkFollowUpDone } from '$lib/domain/contact-retention';
import { formatRecordsPosition, RECORDS_PAGE_SIZE, type ConversationRecord, type RecordsPosition } from '$lib/domain/conversation-record';
import { parseReferenceCode } from '$lib/domain/reference-code';
import type { PersonCaller } from '../auth/guard';
import { viewerOf } from '../auth/viewer';
import type { Store } from '../store';

/** What the Conversations page (/records) shows a coordinator or lead. */
export interface RecordsView {
  records: ConversationRecord[];
  /** The link parameter for the next, older page; null on the oldest. */
  older: string | null;
  /** Whether this is the newest page. */
  newest: boolean;
  /** A lead's organisation's name; null for a coordinator, who sees every organisation's. */
  organisationName: string | null;
  /** Whether the viewer may read equality answers at all (a coordinator). */
  seesEquality: boolean;
  /** Whether the viewer may mark a follow-up done, deleting its contact details (issue 13). */
  marksFollowUpDone: boolean;
  /** The reference code searched for, as typed, and what is wrong with it (issue 13). */
  codeSearch: { typed: string; code: string | null; error: string | null } | null;
}

/** A page of the conversations the caller may see, newest first, as they may see them. */
export async function recordsView(store: Store, caller: PersonCaller, before: RecordsPosition | null, typedCode: string | null = null): Promise<RecordsView> {
  const viewer = viewerOf(caller);
  const parsed = typedCode === null ? null : parseReferenceCode(typedCode);
  const codeSearch = typedCode === null || !parsed ? null : { typed: typedCode.slice(0, 40), code: parsed.ok ? parsed.code : null, error: parsed.ok ? null : parsed.message };
  // A code that cannot be one finds nothing, rather than every conversation.
  const referenceCode = codeSearch ? (codeSearch.code ?? 'none') : null;
  const [page, reference] = await Promise.all([
    referenceCode === 'none'
      ? { records: [], older: null }
      : store.conversationRecords(caller.network.id, viewer, { before, limit: RECORDS_PAGE_SIZE, referenceCode }),
    viewer.role === 'lead' ? store.getReferenceData() : null
  ]);
  return {
    records: page.records,
    older: page.older ? formatRecordsPosition(page.older) : null,
    newest: before === null,
    organisationName: viewer.role === 'lead' ? (reference?.organisations.find((o) => o.id === viewer.organisationId)?.name ?? 'your organisation') : null,
    seesEquality: viewer.role === 'coordinator',
    marksFollowUpDone: mayMarkFollowUpDone(viewer),
    codeSearch
  };
}
