import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { PAGE_ACCESS, type Admit } from '$lib/domain/access';
import type { DeviceRecord } from '$lib/domain/device';
import type { Network } from '$lib/domain/network';
import type { SyncErrorReason } from '$lib/domain/sync-error';
import { apiError } from '../api-error';
import type { SignedInPerson } from './sessions';

export interface PersonCaller {
  kind: 'person';
  person: SignedInPerson;
  network: Network;
}

export interface DeviceCaller {
  kind: 'device';
  device: DeviceRecord;
  network: Network;
}

export type Caller = PersonCaller | DeviceCaller;

/** The caller a route gets, narrowed by what it admits: a device, a person, or either. */
export type CallerFor<A extends readonly Admit[]> = A[number] extends 'device'
  ? DeviceCaller
  : 'device' extends A[number]
    ? Caller
    : PersonCaller;

export interface Refusal {
  status: 401 | 403 | 409;
  reason: SyncErrorReason;
  message: string;
}

type Admission<A extends readonly Admit[]> = { caller: CallerFor<A> } | { refusal: Refusal };

/**
 * The one rule for who may use a route. A signed-in person is admitted by their role, an enrolled
 * tablet when the route admits devices and it is neither retired nor lost (a retiring tablet
 * still makes its last upload). Anyone else is refused, and nothing is done for them.
 */
export function admit<A extends readonly Admit[]>(locals: App.Locals, admits: A): Admission<A> {
  const { network, person, device } = locals;
  if (!network) return { refusal: { status: 409, reason: 'not-set-up', message: 'The network has not been set up yet.' } };
  if (person && admits.includes(person.role)) return { caller: { kind: 'person', person, network } as CallerFor<A> };
  if (device && admits.includes('device')) {
    if (device.status === 'retired') return { refusal: { status: 403, reason: 'device-retired', message: messageFor('device-retired') } };
    if (device.status === 'lost') return { refusal: { status: 403, reason: 'device-lost', message: messageFor('device-lost') } };
    return { caller: { kind: 'device', device, network } as CallerFor<A> };
  }
  if (person || device) {
    return { refusal: { status: 403, reason: 'forbidden', message: person ? 'Your role does not allow this.' : 'An enrolled tablet cannot do this.' } };
  }
  return {
    refusal: {
      status: 401,
      reason: 'unauthorised',
      message: admits.includes('device') && admits.length === 1 ? 'This tablet is not enrolled. Enrol it with a code from your lead.' : 'Sign in first.'
    }
  };
}

const messageFor = (reason: 'device-retired' | 'device-lost') =>
  reason === 'device-retired'
    ? 'This tablet has been retired, so it can no longer sync. Ask your lead to enrol it again if it is still needed.'
    : 'This tablet was reported lost, so it can no longer sync and must erase what it holds.';

/**
 * An API endpoint that admits only `admits`: everyone else gets 401 or 403 in the API's refusal
 * shape, before the handler runs. Each `+server.ts` declares its roles with this.
 */
export function guardEndpoint<Event extends RequestEvent, const A extends readonly Admit[], Rest extends unknown[] = []>(
  admits: A,
  handler: (event: Event, caller: CallerFor<A>, ...rest: Rest) => Response | Promise<Response>
): (event: Event, ...rest: Rest) => Promise<Response> {
  return async (event, ...rest) => {
    const admission = admit(event.locals, admits);
    if ('refusal' in admission) return apiError(admission.refusal.status, admission.refusal.reason, admission.refusal.message);
    return handler(event, admission.caller, ...rest);
  };
}

/**
 * Pages (their loads, data requests and form actions) are admitted by `PAGE_ACCESS`, checked in
 * the request hook for every page request; a page the table does not name is refused. Someone
 * not signed in is sent to sign in (or, for a tablet's page, to enrol it); a signed-in person
 * without the role gets 403.
 */
export function guardPage(event: Pick<RequestEvent, 'locals' | 'route' | 'url'>): void {
  const access = (PAGE_ACCESS as Record<string, 'public' | readonly Admit[]>)[event.route.id ?? ''];
  if (access === 'public') return;
  if (access === undefined) error(404, 'There is no such page.');
  const admission = admit(event.locals, access);
  if ('caller' in admission) return;
  const { refusal } = admission;
  if (refusal.reason === 'not-set-up') redirect(303, '/setup');
  // A tablet's pages are shells with no data: a retired or lost tablet gets them, so the app runs,
  // hears that it was revoked (and, if lost, erases what it holds). Its API calls are refused.
  if (refusal.reason === 'device-retired' || refusal.reason === 'device-lost') return;
  if (refusal.status === 401) {
    const next = encodeURIComponent(event.url.pathname + event.url.search);
    redirect(303, access.length === 1 && access[0] === 'device' ? '/enrol' : `/sign-in?next=${next}`);
  }
  error(403, refusal.message);
}

/** The signed-in person of a page the hook admitted only people to. */
export function pagePerson(locals: App.Locals): PersonCaller {
  if (!locals.person || !locals.network) error(401, 'Sign in first.');
  return { kind: 'person', person: locals.person, network: locals.network };
}
