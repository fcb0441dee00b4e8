import type { RequestEvent } from '@sveltejs/kit';
import type { DeviceRecord } from '$lib/domain/device';
import type { Network } from '$lib/domain/network';
import type { Store } from '../store';
import { clearDeviceCookie, DEVICE_COOKIE } from './cookies';
import { hashSecret } from './secrets';
import { sessionPerson, type SignedInPerson } from './sessions';

export interface RequestContext {
  network: Network | null;
  person: SignedInPerson | null;
  device: DeviceRecord | null;
}

/**
 * Who is calling, resolved once per request (hooks.server.ts): the network, the person whose
 * session cookie this is, and the tablet whose device credential this is. A browser may carry
 * both (a lead who also records on their own tablet). Nothing else reads these cookies.
 */
export async function resolveCaller(store: Store, event: Pick<RequestEvent, 'cookies' | 'url'>): Promise<RequestContext> {
  const [network, session, device] = await Promise.all([store.getNetwork(), sessionPerson(store, event.cookies, event.url), deviceOf(store, event)]);
  const inNetwork = <T>(value: T | null, networkId: string | undefined) => (value && network && networkId === network.id ? value : null);
  return { network, person: inNetwork(session?.person ?? null, session?.networkId), device: inNetwork(device, device?.networkId) };
}

async function deviceOf(store: Store, event: Pick<RequestEvent, 'cookies' | 'url'>): Promise<DeviceRecord | null> {
  const credential = event.cookies.get(DEVICE_COOKIE);
  if (!credential) return null;
  const device = await store.devices.deviceByCredential(hashSecret(credential));
  // A credential the server never issued (or a database started afresh): forget it.
  if (!device) clearDeviceCookie(event.cookies, event.url);
  return device;
}
