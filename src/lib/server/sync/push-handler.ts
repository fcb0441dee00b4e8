import {
  MessageEnvelope,
  PROTOCOL_VERSION,
  PUSH_MAX_BYTES,
  PushRequest,
  type ProtocolErrorBody,
  type PushResult
} from '$lib/domain/protocol';
import { syncErrorMessage, type SyncErrorReason } from '$lib/domain/sync-error';
import { UnknownReferenceError, type Store } from '../store';
import { BodyTooLargeError, readBodyText } from './read-body';

export type PushReply =
  | { status: 200; body: PushResult }
  | { status: 400 | 409 | 413 | 422 | 426; body: ProtocolErrorBody };

const refuse = (
  status: 400 | 409 | 413 | 422 | 426,
  reason: SyncErrorReason,
  message: string
): PushReply => ({ status, body: { error: { reason, message } } });

/** Names the first few problems of a refused push, each with where it is. */
function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issues = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more problems)` : '';
  return `The push was refused and nothing of it was stored. ${issues.join('; ')}${more}.`;
}

/**
 * Receives one push: the whole batch is stored in one transaction and acknowledged, or refused
 * with a reason and nothing stored (SYNC-SPEC S2, S3, S7).
 */
export async function handlePush(store: Store, request: Request): Promise<PushReply> {
  let text: string;
  try {
    text = await readBodyText(request, PUSH_MAX_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return refuse(413, 'invalid', `The push is larger than ${PUSH_MAX_BYTES} bytes; send fewer conversations at once.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(400, 'invalid', 'The push is not JSON.');
  }
  const envelope = MessageEnvelope.safeParse(json);
  if (!envelope.success) {
    return refuse(400, 'invalid', 'The push names no protocol version and kind.');
  }
  if (envelope.data.protocol !== PROTOCOL_VERSION || envelope.data.kind !== 'push') {
    return refuse(426, 'outdated-client', syncErrorMessage('outdated-client'));
  }
  const push = PushRequest.safeParse(json);
  if (!push.success) return refuse(422, 'invalid', describeIssues(push.error));

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
    return refuse(422, 'invalid', `The push was refused and nothing of it was stored. ${error.message}`);
  }
  const acknowledged = push.data.changes.map((change) => change.changeId);
  return { status: 200, body: { protocol: PROTOCOL_VERSION, kind: 'push-result', acknowledged } };
}
