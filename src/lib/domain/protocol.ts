import * as z from 'zod/mini';
import { ConversationFields, NewConversation, NewSealableConversation, SealableConversationFields, SharedConversation } from './conversation';
import { ReferenceCode } from './reference-code';
import { Id, IdV7 } from './id';
import { SyncErrorReason } from './sync-error';

/**
 * Sync protocol, version 2. Every message names its protocol version and kind, so a server can
 * refuse a version it does not understand as a whole (SYNC-SPEC S7). Version 2 (accounts and
 * enrolled tablets): the device is known by its credential, not by an id in the message; every
 * change names the worker who made it; a pull asks for one worker's conversations.
 */
export const PROTOCOL_VERSION = 2;
export const PUSH_MAX_CHANGES = 500;
export const PUSH_MAX_BYTES = 2_000_000;
export const PULL_MAX_PAGE = 1000;

/** The largest sequence number the database holds (PostgreSQL bigint). */
export const MAX_SEQUENCE = 9223372036854775807n;
/** The largest revision the database holds (PostgreSQL int). */
export const MAX_REVISION = 2147483647;

/** A position in the server's change sequence, as a decimal string (it outgrows JavaScript numbers' safe range only in theory). */
export const Cursor = z
  .string()
  .check(
    z.regex(/^\d{1,19}$/, 'A cursor is a change sequence number'),
    z.refine((value) => !/^\d{1,19}$/.test(value) || BigInt(value) <= MAX_SEQUENCE, 'A cursor is a change sequence number no larger than 9223372036854775807')
  );

/** The worker who made a change: one of the device's organisation's workers. */
const WorkerId = Id;

/**
 * A new conversation must say something (an answer, a quote or a theme); edits are not held to
 * that, so records kept from before the rule stay editable.
 */
export const CreateConversation = z.object({
  op: z.literal('create'),
  changeId: IdV7,
  workerId: WorkerId,
  conversation: NewConversation
});

/**
 * Fields changed on a device; absent fields are unchanged. `baseRevision` is the conversation's
 * revision the device edited, which tells concurrent edits of a field from later ones (S5).
 */
export const UpdateConversation = z.object({
  op: z.literal('update'),
  changeId: IdV7,
  workerId: WorkerId,
  conversationId: IdV7,
  baseRevision: z.number().check(z.refine(Number.isInteger, 'A revision is a whole number'), z.minimum(1), z.maximum(MAX_REVISION)),
  fields: z.partial(ConversationFields).check(z.refine((fields) => Object.keys(fields).length > 0, 'An update must change a field'))
});

export const DeleteConversation = z.object({
  op: z.literal('delete'),
  changeId: IdV7,
  workerId: WorkerId,
  conversationId: IdV7
});

/** A change as the store applies it: contact details and equality answers opened, checked plain. */
export const Change = z.discriminatedUnion('op', [CreateConversation, UpdateConversation, DeleteConversation]);
export type Change = z.infer<typeof Change>;

/**
 * A change as a tablet keeps it in its outbox and pushes it: contact details and equality answers
 * sealed to the network's key (issue 13; plain from apps before sealing). The server opens them
 * and checks the change again as a `Change`.
 */
export const PushedChange = z.discriminatedUnion('op', [
  z.extend(CreateConversation, { conversation: NewSealableConversation }),
  z.extend(UpdateConversation, {
    fields: z.partial(SealableConversationFields).check(z.refine((fields) => Object.keys(fields).length > 0, 'An update must change a field'))
  }),
  DeleteConversation
]);
export type PushedChange = z.infer<typeof PushedChange>;

export const PushRequest = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  kind: z.literal('push'),
  changes: z
    .array(PushedChange)
    .check(
      z.minLength(1, 'A push must hold at least one change'),
      z.maxLength(PUSH_MAX_CHANGES, `A push can hold at most ${PUSH_MAX_CHANGES} changes`)
    )
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResult = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  kind: z.literal('push-result'),
  /** Change ids now committed on the server; the device may drop exactly these from its outbox. */
  acknowledged: z.array(Id),
  /**
   * Changes committed with a part left out, and why (SYNC-SPEC S10: contact details deleted for
   * good are not set again). Optional, so apps that do not read it are not affected.
   */
  notes: z.optional(z.array(z.object({ changeId: z.string(), message: z.string() }))),
  /**
   * Issue 13: the reference code of each conversation created in this push without one (the
   * tablet had none left), by conversation id, so the tablet shows the code the server gave.
   */
  referenceCodes: z.optional(z.record(z.string(), ReferenceCode))
});
export type PushResult = z.infer<typeof PushResult>;

/** A change the server refused as invalid, and why: the device sets it aside for the worker to fix. */
export const RejectedChange = z.object({ changeId: z.string(), message: z.string() });
export type RejectedChange = z.infer<typeof RejectedChange>;

/** The body of every refusal from the sync API; `rejected` names the changes that made a batch invalid. */
export const ProtocolErrorBody = z.object({
  error: z.object({
    reason: SyncErrorReason,
    message: z.string(),
    rejected: z.optional(z.array(RejectedChange)),
    /** On a 500 only: the id the server logged the failure under, for whoever reports it. */
    requestId: z.optional(z.string())
  })
});
export type ProtocolErrorBody = z.infer<typeof ProtocolErrorBody>;

/** Only the envelope, read first so an unknown version gets the "update the app" answer. */
export const MessageEnvelope = z.object({ protocol: z.number(), kind: z.string() });

export const PullRequest = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  kind: z.literal('pull'),
  /** The worker using the tablet: a pull brings only the conversations they recorded. */
  workerId: WorkerId,
  /** '0' for everything; otherwise the cursor the last page returned. */
  cursor: Cursor,
  limit: z.optional(z.number().check(z.refine(Number.isInteger), z.minimum(1), z.maximum(PULL_MAX_PAGE)))
});
export type PullRequest = z.infer<typeof PullRequest>;

/**
 * A conversation as the server holds it now, without contact details or equality answers (a
 * tablet only ever sends those); a deleted one comes as a tombstone, without content.
 */
export const PulledConversation = z.object({
  id: IdV7,
  revision: z.number(),
  deleted: z.boolean(),
  conversation: z.nullable(SharedConversation)
});
export type PulledConversation = z.infer<typeof PulledConversation>;

export const PullResult = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  kind: z.literal('pull-result'),
  conversations: z.array(PulledConversation),
  /** Where the next page starts; saved by the device after it stored this page. */
  cursor: Cursor,
  more: z.boolean()
});
export type PullResult = z.infer<typeof PullResult>;
