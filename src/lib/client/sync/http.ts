import { ProtocolErrorBody, type RejectedChange } from '$lib/domain/protocol';
import { SyncError } from '$lib/domain/sync-error';

/** A refusal that names changes the server found invalid: the caller sets those aside. */
export class RejectedChangesError extends SyncError {
  constructor(
    message: string,
    readonly rejected: RejectedChange[]
  ) {
    super('invalid', message);
  }
}

/**
 * A refusal of the changes sent that names none of them: the batch is too large (413) or
 * something in it is invalid. The pusher splits the batch to find the change at fault.
 */
export class RefusedBatchError extends SyncError {
  constructor(message: string, status: number) {
    super('invalid', message, undefined, status);
  }
}

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * POSTs a sync message and returns the JSON of a 2xx answer. Every failure becomes a SyncError
 * with its reason: no answer in `timeoutMs` or no connection is `network`; 429 and 503 carry the
 * server's Retry-After.
 */
export async function postJson(
  fetchFn: typeof fetch,
  url: string,
  /** The message, or its JSON text already encoded. */
  body: unknown,
  options: { timeoutMs: number; now: () => number; headers?: Record<string, string> }
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs)
    });
  } catch {
    throw new SyncError('network');
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) return json;
  const wait = retryAfterMs(response.headers.get('retry-after'), options.now());
  if (response.status === 429 || response.status === 503) {
    throw new SyncError('server', 'The server is busy. Conversations are kept on this tablet.', wait, response.status);
  }
  const refusal = ProtocolErrorBody.safeParse(json);
  // Too large, whoever said so (the server, or a proxy in front of it): smaller batches may pass.
  if (response.status === 413) {
    throw new RefusedBatchError(refusal.data?.error.message ?? 'This is more than the server accepts at once.', 413);
  }
  // Not the app's own refusal (a captive portal, a proxy, a server error page): tried again later.
  if (!refusal.success) throw new SyncError('server', `The server answered ${response.status} ${response.statusText}.`, wait, response.status);
  const { reason, message, rejected } = refusal.data.error;
  if (reason === 'invalid' && rejected?.length) throw new RejectedChangesError(message, rejected);
  if (reason === 'invalid') throw new RefusedBatchError(message, response.status);
  throw new SyncError(reason, message, wait, response.status);
}
