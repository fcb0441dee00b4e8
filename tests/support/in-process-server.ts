import { PUSH_MAX_BYTES } from '../../src/lib/domain/protocol';
import type { DeviceCaller } from '../../src/lib/server/auth/guard';
import { hashSecret } from '../../src/lib/server/auth/secrets';
import type { Store } from '../../src/lib/server/store';
import { readProtocolMessage } from '../../src/lib/server/sync/protocol-message';
import { handlePull } from '../../src/lib/server/sync/pull-handler';
import { handlePush } from '../../src/lib/server/sync/push-handler';
import type { SeededTablet } from './seed-network';

/** An enrolled tablet as the sync endpoints see it once its credential has been checked. */
export async function deviceCallerOf(store: Store, tablet: SeededTablet): Promise<DeviceCaller> {
  const [device, network] = await Promise.all([store.devices.deviceByCredential(hashSecret(tablet.credential)), store.getNetwork()]);
  if (!device || !network) throw new Error('The tablet is not enrolled in this store');
  return { kind: 'device', device, network };
}

/**
 * fetch as a tablet's browser sees it, without HTTP: push and pull reach the real handlers, as
 * the endpoints call them, for `caller`.
 */
export function inProcessSyncFetch(store: Store, caller: () => DeviceCaller): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input), 'http://device.test');
    const request = new Request(url, init);
    const kind = url.pathname === '/api/sync/push' ? 'push' : url.pathname === '/api/sync/pull' ? 'pull' : null;
    if (!kind) return new Response(null, { status: 404 });
    const message = await readProtocolMessage(request, kind, kind === 'push' ? PUSH_MAX_BYTES : 10_000);
    const reply = 'refusal' in message ? message.refusal : kind === 'push' ? await handlePush(store, message, caller(), {}) : await handlePull(store, message, caller());
    return new Response(JSON.stringify(reply.body), { status: reply.status });
  };
}
