import { PROTOCOL_VERSION, PULL_MAX_PAGE, PullRequest, type PullResult } from '$lib/domain/protocol';
import { syncErrorMessage } from '$lib/domain/sync-error';
import type { Store } from '../store';
import { describeIssues, readProtocolMessage, refuse, type Refusal } from './protocol-message';

export type PullReply = { status: 200; body: PullResult } | Refusal;

/** Answers a pull: the page of conversations changed after the device's cursor (SYNC-SPEC S4). */
export async function handlePull(store: Store, request: Request): Promise<PullReply> {
  const message = await readProtocolMessage(request, 'pull', 10_000);
  if ('refusal' in message) return message.refusal;
  const pull = PullRequest.safeParse(message.json);
  if (!pull.success) return refuse(422, 'invalid', `The pull was refused. ${describeIssues(pull.error.issues)}`);
  const network = await store.getNetwork();
  if (!network) return refuse(409, 'not-set-up', syncErrorMessage('not-set-up'));
  const page = await store.pull(network.id, pull.data.deviceId, pull.data.cursor, pull.data.limit ?? PULL_MAX_PAGE);
  return { status: 200, body: { protocol: PROTOCOL_VERSION, kind: 'pull-result', ...page } };
}
