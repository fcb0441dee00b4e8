import type { Conversation } from '$lib/domain/conversation';
import type { ConversationRecordsPage, RecordsPosition } from '$lib/domain/conversation-record';
import type { ListeningEvent } from '$lib/domain/listening-event';
import type { Organisation } from '$lib/domain/organisation';
import type { Network, ReferenceData } from '$lib/domain/network';
import type { NetworkSetup, WardWithBoundary } from '$lib/domain/network-setup';
import type { BoundaryImportCounts, WardJsonBatches } from './boundary-import';
import type { Change, PullResult } from '$lib/domain/protocol';
import type { HistoryEntry } from '$lib/domain/conversation-history';
import type { Viewer } from '$lib/domain/redaction';
import type { NewWardIndicator, WardIndicator, WardIndicatorStanding } from '$lib/domain/ward-indicator';
import type { WardPageData } from '$lib/domain/ward-page';
import type { WardThemeCounts } from '$lib/domain/ward-summary';
import type { Breakdown, EqualityAnswerCounts, EqualityScope } from '$lib/domain/equality-totals';
import type { MapFilters, MapIndicator, WardFigures } from '$lib/domain/ward-map';
import type * as accountQueries from './account-queries';
import type * as auditQueries from './audit-queries';
import type { BoundQueries } from './bind-database';
import type { WorkerPullScope } from './conversation-reads';
import type { WardThemeFilters } from './ward-summary-query';
import type * as deviceQueries from './device-queries';
import type * as exportQueries from './export-queries';
import type * as exportAggregateQueries from './export-aggregates';
import type * as residentRequestQueries from './resident-request-queries';
import type * as reportQueries from './report-queries';
import type * as monthlySummaryQueries from './monthly-summary-queries';
import type * as responseQueries from './response-queries';
import type * as progressionQueries from './progression-queries';
import type * as retentionQueries from './retention-queries';
import type * as referenceCodeQueries from './reference-code-queries';
import type * as sealingKeyQueries from './sealing-key-queries';
import type * as workerQueries from './worker-queries';

/** A pushed batch and the tablet it came from: its changes' workers must be of its organisation. */
export interface ChangeBatch {
  networkId: string;
  deviceId: string;
  organisationId: string;
  changes: Change[];
}

/** A change applied with part of it left out, and why (the push answer's `notes`, SYNC-SPEC S10). */
export interface ChangeNote {
  changeId: string;
  message: string;
}

/** What a push's changes came to beyond their acknowledgement: notes (S10) and codes the server gave (issue 13). */
export interface AppliedChanges {
  notes: ChangeNote[];
  /** The reference code given to each conversation created without one, by conversation id. */
  referenceCodes: Record<string, string>;
}

/** People, sessions, invitation and reset links, sign-in failures and rate limits. */
export type AccountStore = BoundQueries<typeof accountQueries>;
/** Enrolments and enrolled tablets. */
export type DeviceStore = BoundQueries<typeof deviceQueries>;
/** Workers: who records on an organisation's tablets, with their PIN hashes. */
export type WorkerStore = BoundQueries<typeof workerQueries>;
/** Residents' reference codes: tablets' code blocks, finding a code, the contact printed on thank-you cards (issue 13). */
export type ReferenceCodeStore = BoundQueries<typeof referenceCodeQueries>;
/** Who did what, when; never what residents said. */
export type AuditStore = BoundQueries<typeof auditQueries>;
/** A resident's requests about their conversation: read, erase, withdraw equality answers, correct, copy. */
export type ResidentRequestStore = BoundQueries<typeof residentRequestQueries>;
/** Exports (issue 14): conversations read a page at a time from one snapshot, and the spreadsheet's figures. */
export type ExportStore = BoundQueries<typeof exportQueries & typeof exportAggregateQueries>;
/** How long follow-up contact details are kept, and deleting them (issue 13). */
export type RetentionStore = BoundQueries<typeof retentionQueries>;
/** The monthly summary mailed to coordinators, and which month was mailed last (issue 14). */
export type MonthlySummaryStore = BoundQueries<typeof monthlySummaryQueries>;
/** The key pairs tablets seal contact details and equality answers to (issue 13; server/sealing-keys.ts). */
export type SealingKeyStore = BoundQueries<typeof sealingKeyQueries>;
/** Printable reports' figures (issue 14). */
export type ReportStore = BoundQueries<typeof reportQueries>;

/** "You said, we did" (issue 15): anchor organisations' responses to what residents raised. */
export type ResponseStore = BoundQueries<typeof responseQueries>;
/** The anchor progression framework (issue 15, point 4): stages, what they mean per theme, self-assessments. */
export type ProgressionStore = BoundQueries<typeof progressionQueries>;

/** The server's shared store. One contract test suite holds every implementation to it. */
export interface Store {
  readonly kind: 'pglite' | 'postgres';
  readonly accounts: AccountStore;
  readonly devices: DeviceStore;
  readonly workers: WorkerStore;
  readonly audit: AuditStore;
  readonly residentRequests: ResidentRequestStore;
  readonly retention: RetentionStore;
  readonly reports: ReportStore;
  readonly responses: ResponseStore;
  readonly progression: ProgressionStore;
  readonly referenceCodes: ReferenceCodeStore;
  readonly sealingKeys: SealingKeyStore;
  readonly monthlySummaries: MonthlySummaryStore;
  readonly exports: ExportStore;
  /** The network this server serves, or null before first-run set-up. */
  getNetwork(): Promise<Network | null>;
  getReferenceData(): Promise<ReferenceData | null>;
  wardBoundaries(networkId: string): Promise<{ code: string; boundary: unknown }[]>;
  /**
   * Names the network's current boundary set: it changes with every boundary import (the count
   * of imports made, kept at import), and only then; set-up makes the first set.
   */
  wardBoundariesVersion(networkId: string): Promise<string>;
  /** Creates the network with its themes, default prompts and wards, and its first coordinator when given, all or nothing. */
  setUpNetwork(setup: NetworkSetup, coordinator?: { email: string; name: string; passwordHash: string }): Promise<Network>;
  setAccessSettings(networkId: string, settings: { idleLockMinutes: number; leadsSeeContacts: boolean }): Promise<void>;
  /** Makes these wards the network's current boundary set, all or nothing (see boundary-import.ts). */
  importBoundaries(networkId: string, wards: readonly WardWithBoundary[] | WardJsonBatches, year: string | null): Promise<BoundaryImportCounts>;
  setPrivacyNotice(networkId: string, text: string | null): Promise<void>;
  /** How many conversations a ward needs before the map shows its share; 5 until a coordinator sets it. */
  mapMinimumConversations(networkId: string): Promise<number>;
  setMapMinimumConversations(networkId: string, minimum: number): Promise<void>;
  /** Counts of equality-monitoring answers below this are hidden; 10 until a coordinator sets it. */
  suppressionThreshold(networkId: string): Promise<number>;
  setSuppressionThreshold(networkId: string, threshold: number): Promise<void>;
  /**
   * How many live conversations in the scope gave each answer to each equality question, per
   * group of the breakdown, and each group's conversations: counted in SQL, so no individual
   * answer leaves the database. Only for `equalityTotals`, which hides the small counts.
   */
  equalityAnswerCounts(networkId: string, scope: EqualityScope, breakdown: Breakdown): Promise<EqualityAnswerCounts>;
  replacePrompts(networkId: string, prompts: { id?: string; text: string }[]): Promise<void>;
  addEvent(networkId: string, event: Omit<ListeningEvent, 'id'>): Promise<ListeningEvent>;
  archiveEvent(networkId: string, eventId: string): Promise<void>;
  /** Throws OrganisationNameTakenError when an organisation not archived has the name. */
  addOrganisation(networkId: string, name: string): Promise<Organisation>;
  archiveOrganisation(networkId: string, organisationId: string): Promise<void>;
  /**
   * Applies a pushed batch in one transaction, idempotently: a create by conversation id, an update
   * or delete by change id. Throws UnknownReferenceError, applying nothing, when the batch names a
   * ward, theme, prompt, event or conversation that is not the network's, or a reference code
   * not from the pushing tablet's blocks or already another conversation's. Answers the codes the
   * server gave to conversations created without one, by conversation id (issue 13).
   */
  applyChanges(batch: ChangeBatch): Promise<AppliedChanges>;
  conversationsByIds(ids: string[]): Promise<Conversation[]>;
  /** A page of conversations changed after `cursor` (S4), tombstones included (S6). */
  pull(scope: WorkerPullScope, cursor: string, limit: number): Promise<Omit<PullResult, 'protocol' | 'kind'>>;
  /** Values that lost to concurrent edits of the same field (S5). */
  conversationHistory(scope: Omit<WorkerPullScope, 'deviceId'>, conversationId: string): Promise<HistoryEntry[]>;
  countConversations(networkId: string): Promise<number>;
  /**
   * One page of the conversations `viewer` may see (the rule of `maySee`, applied in SQL), newest
   * first, starting just older than `page.before`; erased ones never. Each is redacted for the
   * viewer (`redactConversation`) and carries its ward's, organisation's, worker's, event's and
   * themes' names. With `referenceCode`, only the conversation of that code (issue 13).
   */
  conversationRecords(
    networkId: string,
    viewer: Viewer,
    page: { before: RecordsPosition | null; limit: number; referenceCode?: string | null }
  ): Promise<ConversationRecordsPage>;
  /** Every ward of the network with its conversation count in all and per theme. */
  /** Every current ward's conversations, in all and per theme; only those matching `filters` when given. */
  wardThemeCounts(networkId: string, filters?: WardThemeFilters): Promise<WardThemeCounts[]>;
  /**
   * One ward's page in one query: its conversations per theme and per month, and its newest
   * `quoteLimit` quotes whose residents agreed to be quoted (never any other). Null when the
   * network has no ward of that code.
   */
  wardPage(networkId: string, code: string, quoteLimit: number): Promise<WardPageData | null>;
  /**
   * Stores an indicator and its values atomically, replacing one of the same name. Throws
   * UnknownWardsError, changing nothing, if a value names a ward that is not the network's.
   */
  saveWardIndicator(networkId: string, indicator: NewWardIndicator): Promise<{ id: string; replaced: boolean }>;
  /** Removes an indicator; its name, or null when there was none. */
  deleteWardIndicator(networkId: string, indicatorId: string): Promise<string | null>;
  /** The network's indicators with their values per ward. */
  wardIndicators(networkId: string): Promise<WardIndicator[]>;
  /** The network's indicators' ids and names only, by name. */
  wardIndicatorNames(networkId: string): Promise<MapIndicator[]>;
  /** Where one ward ranks on each indicator (1 = most deprived). */
  wardIndicatorStandings(networkId: string, code: string): Promise<WardIndicatorStanding[]>;
  /** Codes of the most deprived `percent` % of the network's wards on an indicator, most deprived first. */
  mostDeprivedWardCodes(networkId: string, indicatorId: string, percent: number): Promise<string[]>;
  /** Every current ward with its conversations matching the filters, and how many carry the theme (one query). */
  wardMap(networkId: string, filters: MapFilters): Promise<WardFigures[]>;
  /** Changes whenever the ward map's figures may have changed, so answers can be cached safely. */
  wardMapVersion(networkId: string): Promise<string>;
  close(): Promise<void>;
}
