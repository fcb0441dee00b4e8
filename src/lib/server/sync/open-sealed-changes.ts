import * as z from 'zod/mini';
import { isSealed } from '$lib/domain/conversation';
import { Change, type PushedChange, type RejectedChange } from '$lib/domain/protocol';
import { openSealed, SealedEnvelopeError } from '../sealing';
import { describeIssues, rejectedByIssues } from './protocol-message';

export type OpenedChanges = { ok: true; changes: Change[] } | { ok: false; message: string; rejected: RejectedChange[] };

type Fields = { followUp?: unknown; equality?: unknown };

/** The follow-up and equality answers of `fields`, opened where the tablet sealed them. */
async function openFields<F extends Fields>(fields: F, privateKeyOf: (kid: string) => JsonWebKey | null): Promise<F> {
  const opened = { ...fields };
  if (isSealed(fields.followUp)) opened.followUp = { wanted: true, contact: await openSealed(fields.followUp.sealed, privateKeyOf) };
  if (isSealed(fields.equality)) opened.equality = await openSealed(fields.equality.sealed, privateKeyOf);
  return opened;
}

async function openChange(change: PushedChange, privateKeyOf: (kid: string) => JsonWebKey | null): Promise<unknown> {
  if (change.op === 'create') return { ...change, conversation: await openFields(change.conversation, privateKeyOf) };
  if (change.op === 'update') return { ...change, fields: await openFields(change.fields, privateKeyOf) };
  return change;
}

const OpenedBatch = z.object({ changes: z.array(Change) });

/**
 * Opens what tablets sealed in a push (issue 13) with the server's private keys, then checks each
 * change again with the plain schemas, exactly as an unsealed one: what comes out of an envelope is
 * as hostile as any other input. An envelope that cannot be opened, or holds what the schemas
 * refuse, names its change (S9); nothing is applied then.
 */
export async function openSealedChanges(changes: PushedChange[], privateKeys: () => Promise<Map<string, JsonWebKey>>): Promise<OpenedChanges> {
  const sealedAny = changes.some((change) => change.op !== 'delete' && Object.values(change.op === 'create' ? change.conversation : change.fields).some(isSealed));
  const keys = sealedAny ? await privateKeys() : new Map<string, JsonWebKey>();
  const privateKeyOf = (kid: string) => keys.get(kid) ?? null;
  const opened: unknown[] = [];
  const rejected: RejectedChange[] = [];
  for (const change of changes) {
    try {
      opened.push(await openChange(change, privateKeyOf));
    } catch (error) {
      if (!(error instanceof SealedEnvelopeError)) throw error;
      rejected.push({ changeId: change.changeId, message: error.message });
    }
  }
  if (rejected.length > 0) return { ok: false, message: rejected.map((change) => change.message).join('; '), rejected };
  const json = { changes: opened };
  const checked = OpenedBatch.safeParse(json);
  if (!checked.success) return { ok: false, message: describeIssues(checked.error.issues), rejected: rejectedByIssues(json, checked.error.issues) };
  return { ok: true, changes: checked.data.changes };
}
