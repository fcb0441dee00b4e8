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
  offline: 'Offline. Conversations are kept on this tablet and will sync when it is back online.',
  network: "Can't reach the server. Conversations are kept on this tablet; sync tries again by itself.",
  unauthorised: 'This tablet is not enrolled, or you are signed out. Ask your lead for an enrolment code, or sign in again.',
  forbidden: 'Your role does not allow this.',
  'device-retired': 'This tablet has been retired by your coordinator. Everything it held has been sent; it can no longer record or sync.',
  'device-lost': 'This tablet was reported lost, so everything on it has been erased. Ask your lead to enrol it again.',
  'outdated-client': 'This app is out of date. Reload the app to update it, then sync again.',
  quota: 'This device is out of storage space. Sync, or free up space, before recording more.',
  invalid: 'The server refused some conversations as invalid.',
  'not-set-up': 'The network has not been set up on the server yet.',
  server: 'The server had a problem. Conversations are kept on this tablet; sync tries again by itself.'
};

export function syncErrorMessage(reason: SyncErrorReason): string {
  return MESSAGES[reason];
}

/** Reasons worth trying again after a pause; the others need a person (or a new app) first. */
const TRANSIENT: readonly SyncErrorReason[] = ['offline', 'network', 'server'];

/** About `ms` from now in plain words: "a few seconds", "about 1 minute", "about 4 minutes". */
export function aboutDuration(ms: number): string {
  if (ms < 45_000) return 'a few seconds';
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/**
 * What the sync bar says about why the last sync did not finish. Offline and a server that
 * cannot be reached are normal on an event day and retried by themselves: they are said in
 * neutral words (`tone: 'status'`); the rest need someone to act (`tone: 'alert'`).
 */
export function syncNotice(
  problem: { reason: SyncErrorReason; message: string },
  context: { waiting: number; retryInMs: number | null }
): { tone: 'status' | 'alert'; text: string } {
  const retry = context.retryInMs === null ? '' : ` Trying again in ${aboutDuration(context.retryInMs)}.`;
  if (problem.reason === 'offline') {
    const kept =
      context.waiting === 0
        ? 'Conversations recorded now are kept on this tablet'
        : `${context.waiting} ${context.waiting === 1 ? 'conversation is' : 'conversations are'} kept on this tablet`;
    return { tone: 'status', text: `Offline. ${kept} and will sync when it is back online.` };
  }
  if (problem.reason === 'network') return { tone: 'status', text: `Can't reach the server.${retry || ' Conversations are kept on this tablet.'}` };
  if (problem.reason === 'server') return { tone: 'status', text: `${problem.message}${retry}` };
  return { tone: 'alert', text: problem.message };
}

export class SyncError extends Error {
  constructor(
    readonly reason: SyncErrorReason,
    detail?: string,
    /** The server's Retry-After, when it asked for a pause. */
    readonly retryAfterMs?: number,
    /** The HTTP status of the server's answer, when there was one. */
    readonly status?: number
  ) {
    super(detail ?? MESSAGES[reason]);
    this.name = 'SyncError';
  }

  get transient(): boolean {
    return TRANSIENT.includes(this.reason);
  }
}
