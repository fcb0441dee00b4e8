import { FUTURE_DATE_MESSAGE, notInFuture } from '$lib/domain/instant';
import { PROTOCOL_VERSION, PushRequest, type Change, type PushResult, type RejectedChange } from '$lib/domain/protocol';
import { sealingPrivateKeys } from '../sealing-keys';
import type { DeviceCaller } from '../auth/guard';
import { UnknownReferenceError, type Store } from '../store';
import type { AppliedChanges } from '../store/store';
import { openSealedChanges } from './open-sealed-changes';
import { describeIssues, refuse, rejectedByIssues, type Refusal } from './protocol-message';

export type PushReply = { status: 200; body: PushResult } | Refusal;

const NOTHING_STORED = 'The push was refused and nothing of it was stored.';

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
export async function handlePush(
  store: Store,
  message: { json: unknown },
  caller: DeviceCaller,
  env: Record<string, string | undefined>
): Promise<PushReply> {
  const push = PushRequest.safeParse(message.json);
  if (!push.success) {
    const issues = push.error.issues;
    return refuse(422, 'invalid', `${NOTHING_STORED} ${describeIssues(issues)}`, rejectedByIssues(message.json, issues));
  }
  const opened = await openSealedChanges(push.data.changes, () => sealingPrivateKeys(store, env));
  if (!opened.ok) return refuse(422, 'invalid', `${NOTHING_STORED} ${opened.message}`, opened.rejected);
  const changes = opened.changes;
  const future = datedInFuture(changes, Date.now());
  if (future.length > 0) {
    return refuse(422, 'invalid', `${NOTHING_STORED} ${future.map((change) => change.message).join('; ')}`, future);
  }
  let applied: AppliedChanges;
  try {
    applied = await store.applyChanges({
      networkId: caller.network.id,
      deviceId: caller.device.id,
      organisationId: caller.device.organisationId,
      changes
    });
  } catch (error) {
    if (!(error instanceof UnknownReferenceError)) throw error;
    return refuse(422, 'invalid', `${NOTHING_STORED} ${error.message}`, error.rejected);
  }
  const acknowledged = changes.map((change) => change.changeId);
  const body: PushResult = { protocol: PROTOCOL_VERSION, kind: 'push-result', acknowledged };
  const { notes, referenceCodes } = applied;
  if (notes.length > 0) body.notes = notes;
  if (Object.keys(referenceCodes).length > 0) body.referenceCodes = referenceCodes;
  return { status: 200, body };
}
