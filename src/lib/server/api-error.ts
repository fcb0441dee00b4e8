import { json } from '@sveltejs/kit';
import type { ProtocolErrorBody, RejectedChange } from '$lib/domain/protocol';
import { syncErrorMessage, type SyncErrorReason } from '$lib/domain/sync-error';

/** The API's one refusal shape, `{ error: { reason, message, rejected? } }`, read on devices by `sync/http.ts`. */
export function apiErrorBody(reason: SyncErrorReason, message?: string, rejected?: RejectedChange[]): ProtocolErrorBody {
  const text = message ?? syncErrorMessage(reason);
  return { error: rejected ? { reason, message: text, rejected } : { reason, message: text } };
}

export function apiError(status: number, reason: SyncErrorReason, message?: string, headers?: HeadersInit): Response {
  return json(apiErrorBody(reason, message), { status, headers: { 'cache-control': 'no-store', ...headers } });
}
