import { aboutDuration, type SyncErrorReason } from './sync-error';
import { formatUkDate, formatUkTime } from './uk-time';

/** What the sync bar knows at one moment. */
export interface SyncState {
  waiting: number;
  syncing: boolean;
  progress: { phase: 'push'; done: number; total: number } | { phase: 'pull'; done: number } | null;
  lastSyncedAt: string | null;
  problem: { reason: SyncErrorReason; message: string } | null;
  retryInMs: number | null;
  now: number;
  /** What the browser says of its connection: a push cut off by going offline fails as "network". */
  online: boolean;
}

/**
 * The sync bar's one line: `count` says what waits ("3 waiting to sync", "All synced") and
 * `detail` the one other thing worth knowing now. Null `count` while a sync is under way, when
 * the count is about to change. `alert` carries a problem a person must act on, shown apart.
 */
export interface SyncLine {
  count: string | null;
  detail: string | null;
  alert: string | null;
}

export const syncLineText = (line: SyncLine) => [line.count, line.detail].filter(Boolean).join(' · ');

/** "All synced" only once something has been: a tablet that never synced has nothing to sync yet. */
const waitingCount = (waiting: number, lastSyncedAt: string | null) =>
  waiting > 0 ? `${waiting} waiting to sync` : lastSyncedAt ? 'All synced' : 'Nothing to sync';

function lastAt(iso: string | null, now: number): string {
  if (!iso) return 'not synced yet';
  const sameDay = formatUkDate(iso) === formatUkDate(new Date(now).toISOString());
  return sameDay ? `last at ${formatUkTime(iso)}` : `last on ${formatUkDate(iso)} at ${formatUkTime(iso)}`;
}

/**
 * One state, one line: offline outranks a sync still under way (it is about to fail), a sync
 * under way outranks what the last one said, and only a problem that needs a person is an alert.
 */
export function syncLine(state: SyncState): SyncLine {
  const { problem } = state;
  if (problem?.reason === 'offline' || (!state.online && (problem === null || problem.reason === 'network'))) {
    const kept = state.waiting === 0 ? 'offline' : 'offline, saved here';
    return { count: waitingCount(state.waiting, state.lastSyncedAt), detail: kept, alert: null };
  }
  if (state.syncing) {
    const { progress } = state;
    if (progress?.phase === 'push' && progress.total > 0) return { count: null, detail: `Syncing… sending ${progress.done} of ${progress.total}`, alert: null };
    if (progress?.phase === 'pull' && progress.done > 0) return { count: null, detail: `Syncing… received ${progress.done}`, alert: null };
    return { count: null, detail: 'Syncing…', alert: null };
  }
  const retry = state.retryInMs === null ? '' : `, trying again in ${aboutDuration(Math.max(0, state.retryInMs))}`;
  if (problem?.reason === 'network') return { count: waitingCount(state.waiting, state.lastSyncedAt), detail: `can't reach the server${retry}`, alert: null };
  if (problem?.reason === 'server') return { count: waitingCount(state.waiting, state.lastSyncedAt), detail: `the server had a problem${retry}`, alert: null };
  return { count: waitingCount(state.waiting, state.lastSyncedAt), detail: lastAt(state.lastSyncedAt, state.now), alert: problem?.message ?? null };
}
