import * as z from 'zod/mini';

/** Why a sync could not finish. Each reason has one plain-English message the app shows. */
export const SyncErrorReason = z.enum([
  'offline',
  'network',
  'unauthorised',
  'outdated-client',
  'quota',
  'invalid',
  'not-set-up',
  'server'
]);
export type SyncErrorReason = z.infer<typeof SyncErrorReason>;

const MESSAGES: Record<SyncErrorReason, string> = {
  offline: 'This device is offline. Conversations are kept here and will sync when it is back online.',
  network: 'The server could not be reached. Conversations are kept here; try again later.',
  unauthorised: 'You are signed out. Sign in again to sync.',
  'outdated-client': 'This app is out of date. Reload the app to update it, then sync again.',
  quota: 'This device is out of storage space. Sync, or free up space, before recording more.',
  invalid: 'The server refused some conversations as invalid.',
  'not-set-up': 'The network has not been set up on the server yet.',
  server: 'The server had a problem. Conversations are kept here; try again later.'
};

export function syncErrorMessage(reason: SyncErrorReason): string {
  return MESSAGES[reason];
}

/** Reasons worth trying again after a pause; the others need a person (or a new app) first. */
const TRANSIENT: readonly SyncErrorReason[] = ['offline', 'network', 'server'];

export class SyncError extends Error {
  constructor(
    readonly reason: SyncErrorReason,
    detail?: string,
    /** The server's Retry-After, when it asked for a pause. */
    readonly retryAfterMs?: number
  ) {
    super(detail ?? MESSAGES[reason]);
    this.name = 'SyncError';
  }

  get transient(): boolean {
    return TRANSIENT.includes(this.reason);
  }
}
