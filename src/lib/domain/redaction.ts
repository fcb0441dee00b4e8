import { WITHHELD, type SharedConversation } from './conversation';
import type { HistoryEntry } from './conversation-history';

/**
 * Who is looking at conversations, with what they are entitled to (issue 10):
 * - a coordinator sees every conversation of the network, contact details included;
 * - an organisation lead sees their organisation's, contact details only where the network allows
 *   leads to follow residents up, never an individual's equality answers;
 * - a worker sees only the conversations they recorded, without contact details or equality
 *   answers (devices are write-only for those);
 * - anchor staff see no individual conversation at all, only aggregates and consented quotes.
 */
export type Viewer =
  | { role: 'coordinator' }
  | { role: 'lead'; organisationId: string; seesContacts: boolean }
  | { role: 'staff' }
  | { role: 'worker'; organisationId: string; workerId: string };

/** Who recorded a conversation and for which organisation, as the server holds it. */
export interface Recording {
  organisationId: string | null;
  workerId: string | null;
}

/** Whether a viewer may see this conversation at all. The store's SQL applies the same rule. */
export function maySee(viewer: Viewer, recording: Recording): boolean {
  switch (viewer.role) {
    case 'coordinator':
      return true;
    case 'lead':
      return recording.organisationId === viewer.organisationId;
    case 'worker':
      return recording.workerId === viewer.workerId && recording.organisationId === viewer.organisationId;
    case 'staff':
      return false;
  }
}

/**
 * The conversation as this viewer may see it, or null when they may not see it at all. What the
 * server holds may already be withheld from everyone (contact details deleted for good, issue 13).
 */
export function redactConversation(conversation: SharedConversation, recording: Recording, viewer: Viewer): SharedConversation | null {
  if (!maySee(viewer, recording)) return null;
  if (viewer.role === 'coordinator') return conversation;
  const seesContacts = viewer.role === 'lead' && viewer.seesContacts;
  return {
    ...conversation,
    followUp: conversation.followUp.wanted && !seesContacts ? { wanted: true, ...WITHHELD } : conversation.followUp,
    equality: Object.keys(conversation.equality).length > 0 ? WITHHELD : {}
  };
}

/**
 * A value that lost to a concurrent edit, as this viewer may see it: lost contact details and
 * equality answers are withheld exactly as the conversation's own are.
 */
export function redactHistoryEntry(entry: HistoryEntry, viewer: Viewer): HistoryEntry {
  const seesContacts = viewer.role === 'coordinator' || (viewer.role === 'lead' && viewer.seesContacts);
  const lost = entry.lostValue as { wanted?: boolean } | null;
  if (entry.field === 'followUp' && !seesContacts && lost?.wanted) return { ...entry, lostValue: { wanted: true, ...WITHHELD } };
  if (entry.field === 'equality' && viewer.role !== 'coordinator') return { ...entry, lostValue: WITHHELD };
  return entry;
}
