import { FUTURE_DATE_MESSAGE, notInFuture } from '$lib/domain/instant';
import { PROTOCOL_VERSION, PushRequest, type Change, type PushResult, type RejectedChange } from '$lib/domain/protocol';
import type { DeviceCaller } from '../auth/guard';
import { UnknownReferenceError, type Store } from '../store';
import type { AppliedChanges } from '../store/store';
import { describeIssues, refuse, type Refusal } from './protocol-message';

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
 * Creates dated after the server's tomorrow: the static range of the schema lets them through
 * (a device must read back whatever it is sent), so the server's clock is checked only here.
 */
function datedInFuture(changes: Change[], now: number): RejectedChange[] {
  return changes.flatMap((change) =>
    change.op === 'create' && !notInFuture(change.conversation.recordedAt, now)
      ? [{ changeId: change.changeId, message: `conversation.recordedAt: ${FUTURE_DATE_MESSAGE}` }]
      : []
  );
}

/**
 * Receives one push: the whole batch is stored in one transaction and acknowledged, or refused
 * with a reason, the changes at fault named, and nothing stored (SYNC-SPEC S2, S3, S7).
 */
export async function handlePush(store: Store, message: { json: unknown }, caller: DeviceCaller): Promise<PushReply> {
  const push = PushRequest.safeParse(message.json);
  if (!push.success) {
    const issues = push.error.issues;
    return refuse(422, 'invalid', `${NOTHING_STORED} ${describeIssues(issues)}`, rejectedByIssues(message.json, issues));
  }
  const future = datedInFuture(push.data.changes, Date.now());
  if (future.length > 0) {
    return refuse(422, 'invalid', `${NOTHING_STORED} ${future.map((change) => change.message).join('; ')}`, future);
  }
  let applied: AppliedChanges;
  try {
    applied = await store.applyChanges({
      networkId: caller.network.id,
      deviceId: caller.device.id,
      organisationId: caller.device.organisationId,
      changes: push.data.changes
    });
  } catch (error) {
    if (!(error instanceof UnknownReferenceError)) throw error;
    return refuse(422, 'invalid', `${NOTHING_STORED} ${error.message}`, error.rejected);
  }
  const acknowledged = push.data.changes.map((change) => change.changeId);
  const body: PushResult = { protocol: PROTOCOL_VERSION, kind: 'push-result', acknowledged };
  const { notes, referenceCodes } = applied;
  if (notes.length > 0) body.notes = notes;
  if (Object.keys(referenceCodes).length > 0) body.referenceCodes = referenceCodes;
  return { status: 200, body };
}
