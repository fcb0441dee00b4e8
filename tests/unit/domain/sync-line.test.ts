import { describe, expect, it } from 'vitest';
import { syncLine, syncLineText, type SyncState } from '../../../src/lib/domain/sync-line';

const now = Date.parse('2026-12-02T10:50:00Z');
const idle: SyncState = { waiting: 0, syncing: false, progress: null, lastSyncedAt: '2026-12-02T10:42:00Z', problem: null, retryInMs: null, now, online: true };
const offline = { reason: 'offline' as const, message: 'Offline.' };
const text = (state: Partial<SyncState>) => syncLineText(syncLine({ ...idle, ...state }));

describe('the sync bar says one thing at a time', () => {
  it('all synced, with when (the day too when it was not today)', () => {
    expect(text({})).toBe('All synced · last at 10:42');
    expect(text({ lastSyncedAt: '2026-11-30T16:05:00Z' })).toBe('All synced · last on 30 November 2026 at 16:05');
    expect(text({ lastSyncedAt: null })).toBe('Nothing to sync · not synced yet');
  });

  it('what waits, in UK time', () => {
    expect(text({ waiting: 3, lastSyncedAt: '2026-07-01T09:15:00Z', now: Date.parse('2026-07-01T12:00:00Z') })).toBe('3 waiting to sync · last at 10:15');
  });

  it('sending, with how far it has got', () => {
    expect(text({ waiting: 10, syncing: true, progress: { phase: 'push', done: 3, total: 10 } })).toBe('Syncing… sending 3 of 10');
    expect(text({ syncing: true, progress: { phase: 'pull', done: 40 } })).toBe('Syncing… received 40');
    expect(text({ waiting: 1, syncing: true })).toBe('Syncing…');
    expect(syncLine({ ...idle, syncing: true }).count).toBeNull();
  });

  it('offline outranks a sync still under way: never "Syncing…" and "offline" together', () => {
    const line = syncLine({ ...idle, waiting: 4, syncing: true, progress: { phase: 'push', done: 1, total: 1 }, problem: offline });
    expect(syncLineText(line)).toBe('4 waiting to sync · offline, saved here');
    expect(line.alert).toBeNull();
    expect(text({ problem: offline })).toBe('All synced · offline');
    // A push cut off by the connection going fails as "network": still offline, not "can't reach the server".
    expect(text({ waiting: 1, online: false, problem: { reason: 'network', message: '' } })).toBe('1 waiting to sync · offline, saved here');
    expect(text({ waiting: 1, online: false, syncing: true })).toBe('1 waiting to sync · offline, saved here');
  });

  it('a server that cannot be reached or is down: when it tries again, not an alert', () => {
    expect(text({ waiting: 3, problem: { reason: 'network', message: '' }, retryInMs: 120_000 })).toBe("3 waiting to sync · can't reach the server, trying again in about 2 minutes");
    expect(text({ waiting: 3, problem: { reason: 'network', message: '' } })).toBe("3 waiting to sync · can't reach the server");
    const down = syncLine({ ...idle, waiting: 1, problem: { reason: 'server', message: 'The server had a problem.' }, retryInMs: 5_000 });
    expect(syncLineText(down)).toBe('1 waiting to sync · the server had a problem, trying again in a few seconds');
    expect(down.alert).toBeNull();
  });

  it('a problem a person must act on is an alert apart from the line', () => {
    const line = syncLine({ ...idle, waiting: 1, problem: { reason: 'outdated-client', message: 'This app is out of date.' } });
    expect(syncLineText(line)).toBe('1 waiting to sync · last at 10:42');
    expect(line.alert).toBe('This app is out of date.');
  });
});
