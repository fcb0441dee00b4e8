import { PROTOCOL_VERSION, PUSH_MAX_BYTES, PushRequest, type PushResult, type RejectedChange } from '$lib/domain/protocol';
import { syncErrorMessage } from '$lib/domain/sync-error';
import { UnknownReferenceError, type Store } from '../store';
import { describeIssues, readProtocolMessage, refuse, type Refusal } from './protocol-message';

export type PushReply = { status: 200; body: PushResult } | Refusal;

const NOTHING_STORED = 'The push was refused and nothing of it was stored.';

/** The changes a schema failure points at, so the device can set exactly those aside. */
function rejectedByIssues(json: unknown, issues: { path: PropertyKey[]; message: string }[]): RejectedChange[] {
  const changes = (json as { changes?: { changeId?: unknown }[] }).changes;
  const rejected = new Map<string, string>();
  for (const issue of issues) {
    const [head, index, ...rest] = issue.path;
    const changeId = head === 'changes' && typeof index === 'number' ? changes?.[index]?.changeId : undefined;
    if (typeof changeId === 'string' && !rejected.has(changeId)) {
      rejected.set(changeId, `${rest.map(String).join('.') || 'change'}: ${issue.message}`);
    }
  }
  return [...rejected].map(([changeId, message]) => ({ changeId, message }));
}

/**
 * Receives one push: the whole batch is stored in one transaction and acknowledged, or refused
 * with a reason, the changes at fault named, and nothing stored (SYNC-SPEC S2, S3, S7).
 */
export async function handlePush(store: Store, request: Request): Promise<PushReply> {
  const message = await readProtocolMessage(request, 'push', PUSH_MAX_BYTES);
  if ('refusal' in message) return message.refusal;
  const push = PushRequest.safeParse(message.json);
  if (!push.success) {
    const issues = push.error.issues;
    return refuse(422, 'invalid', `${NOTHING_STORED} ${describeIssues(issues)}`, rejectedByIssues(message.json, issues));
  }
  const network = await store.getNetwork();
  if (!network) return refuse(409, 'not-set-up', syncErrorMessage('not-set-up'));
  try {
    await store.applyChanges({
      networkId: network.id,
      deviceId: push.data.deviceId,
      userId: push.data.userId,
      changes: push.data.changes
    });
  } catch (error) {
    if (!(error instanceof UnknownReferenceError)) throw error;
    return refuse(422, 'invalid', `${NOTHING_STORED} ${error.message}`, error.rejected);
  }
  const acknowledged = push.data.changes.map((change) => change.changeId);
  return { status: 200, body: { protocol: PROTOCOL_VERSION, kind: 'push-result', acknowledged } };
}
