import { syncErrorMessage } from '$lib/domain/sync-error';
import { PROTOCOL_VERSION, PULL_MAX_PAGE, PullRequest, type PullResult } from '$lib/domain/protocol';
import type { DeviceCaller } from '../auth/guard';
import type { Store } from '../store';
import { describeIssues, refuse, type Refusal } from './protocol-message';

export type PullReply = { status: 200; body: PullResult } | Refusal;

/**
 * Answers a pull: the page of the worker's conversations changed after the device's cursor
 * (SYNC-SPEC S4), as a worker may see them. A retiring tablet pulls only after pushing all it
 * held: that pull is its last, and it is retired from then on.
 */
export async function handlePull(store: Store, message: { json: unknown }, caller: DeviceCaller): Promise<PullReply> {
  const pull = PullRequest.safeParse(message.json);
  if (!pull.success) return refuse(422, 'invalid', `The pull was refused. ${describeIssues(pull.error.issues)}`);
  const { device, network } = caller;
  if (device.status === 'retiring') {
    await store.devices.finishRetiring(device.id);
    return refuse(403, 'device-retired', syncErrorMessage('device-retired'));
  }
  const workers = await store.workers.roster(device.organisationId);
  if (!workers.some((worker) => worker.id === pull.data.workerId)) {
    return refuse(403, 'forbidden', 'This worker is no longer on this tablet’s list of workers. Switch to another worker.');
  }
  const scope = { networkId: network.id, deviceId: device.id, organisationId: device.organisationId, workerId: pull.data.workerId };
  const page = await store.pull(scope, pull.data.cursor, pull.data.limit ?? PULL_MAX_PAGE);
  return { status: 200, body: { protocol: PROTOCOL_VERSION, kind: 'pull-result', ...page } };
}
