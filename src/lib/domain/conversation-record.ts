import type { ContactDeletion } from './contact-retention';
import type { SharedConversation } from './conversation';

/**
 * A conversation as a coordinator or lead reads it on the Conversations page (/records): already
 * redacted for them (`redactConversation`), with the names of what it refers to, as the server
 * holds them now (an archived organisation or a worker who has left keeps their name).
 */
export interface ConversationRecord {
  conversation: SharedConversation;
  /** When its follow-up contact details were deleted for good, and why; null while they are kept (issue 13). */
  contactDeletion: ContactDeletion | null;
  wardName: string;
  organisationName: string | null;
  workerName: string | null;
  eventName: string | null;
  /** The conversation's themes' names, in the network's order of themes. */
  themeNames: string[];
}

/** Conversations per page of /records. */
export const RECORDS_PAGE_SIZE = 50;

/**
 * Where a page of records starts: just older than this conversation. Pages are keyset pages on
 * (recorded time, id), newest first, so a conversation synced while someone reads never shifts
 * or repeats what the next page shows.
 */
export interface RecordsPosition {
  /** The conversation's recorded time to the microsecond, as the database holds it (UTC). */
  recordedAt: string;
  id: string;
}

export interface ConversationRecordsPage {
  records: ConversationRecord[];
  /** The position to ask for the next, older page from; null when this page is the oldest. */
  older: RecordsPosition | null;
}

const POSITION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{6})Z_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A position as it travels in a link (`?older=`). */
export const formatRecordsPosition = (position: RecordsPosition): string => `${position.recordedAt}_${position.id}`;

/** A position from a link, or null when it is not one this app wrote (so nothing malformed reaches SQL). */
export function parseRecordsPosition(text: string): RecordsPosition | null {
  const match = POSITION.exec(text);
  if (!match) return null;
  const [, seconds, micros, id] = match;
  const time = new Date(`${seconds}Z`);
  // A real moment: 31 February or 25:00 does not come back the same.
  if (Number.isNaN(time.getTime()) || time.toISOString().slice(0, 19) !== seconds) return null;
  return { recordedAt: `${seconds}.${micros}Z`, id };
}
