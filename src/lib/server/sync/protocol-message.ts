import { MessageEnvelope, PROTOCOL_VERSION, type ProtocolErrorBody, type RejectedChange } from '$lib/domain/protocol';
import { syncErrorMessage, type SyncErrorReason } from '$lib/domain/sync-error';
import { apiErrorBody } from '../api-error';
import { BodyTooLargeError, readBodyText } from './read-body';

export type RefusalStatus = 400 | 403 | 409 | 413 | 422 | 426;
export type Refusal = { status: RefusalStatus; body: ProtocolErrorBody };

export const refuse = (status: RefusalStatus, reason: SyncErrorReason, message: string, rejected?: RejectedChange[]): Refusal => ({
  status,
  body: apiErrorBody(reason, message, rejected)
});

/**
 * Reads a sync message: JSON within `maxBytes`, naming this protocol version and `kind`. Anything
 * else is refused whole; an unknown version or kind gets the one "update the app" answer (S7).
 */
export async function readProtocolMessage(
  request: Request,
  kind: string,
  maxBytes: number
): Promise<{ json: unknown } | { refusal: Refusal }> {
  let text: string;
  try {
    text = await readBodyText(request, maxBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return { refusal: refuse(413, 'invalid', `The ${kind} is larger than ${maxBytes} bytes; send fewer conversations at once.`) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { refusal: refuse(400, 'invalid', `The ${kind} is not JSON.`) };
  }
  const envelope = MessageEnvelope.safeParse(json);
  if (!envelope.success) return { refusal: refuse(400, 'invalid', `The ${kind} names no protocol version and kind.`) };
  if (envelope.data.protocol !== PROTOCOL_VERSION || envelope.data.kind !== kind) {
    return { refusal: refuse(426, 'outdated-client', syncErrorMessage('outdated-client')) };
  }
  return { json };
}

/** Names the first few problems of a refused message, each with where it is. */
export function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  const named = issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more problems)` : '';
  return `${named.join('; ')}${more}.`;
}

/** The changes a schema failure points at, so the device can set exactly those aside. */
export function rejectedByIssues(json: unknown, issues: { path: PropertyKey[]; message: string }[]): RejectedChange[] {
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
