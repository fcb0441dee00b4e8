import * as z from 'zod/mini';

/** Why a sync could not finish. Each reason has one plain-English message the app shows. */
export const SyncErrorReason = z.enum([
  'offline',
  'network',
  'unauthorised',
  'forbidden',
  'device-retired',
  'device-lost',
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
  unauthorised: 'This tablet is not enrolled, or you are signed out. Ask your lead for an enrolment code, or sign in again.',
  forbidden: 'Your role does not allow this.',
  'device-retired': 'This tablet has been retired by your coordinator. Everything it held has been sent; it can no longer record or sync.',
  'device-lost': 'This tablet was reported lost, so everything on it has been erased. Ask your lead to enrol it again.',
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
