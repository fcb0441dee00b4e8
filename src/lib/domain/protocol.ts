import * as z from 'zod/mini';
import { Conversation, ConversationFields } from './conversation';
import { SyncErrorReason } from './sync-error';

/**
 * Sync protocol, version 1. Every message names its protocol version and kind, so a server can
 * refuse a version it does not understand as a whole (SYNC-SPEC S7).
 */
export const PROTOCOL_VERSION = 1;
export const PUSH_MAX_CHANGES = 500;
export const PUSH_MAX_BYTES = 2_000_000;

export const CreateConversation = z.object({
  op: z.literal('create'),
  changeId: z.uuidv7(),
  conversation: Conversation
});

/** Fields changed on a device since it last had the conversation; absent fields are unchanged. */
export const UpdateConversation = z.object({
  op: z.literal('update'),
  changeId: z.uuidv7(),
  conversationId: z.uuidv7(),
  fields: z.partial(ConversationFields).check(z.refine((fields) => Object.keys(fields).length > 0, 'An update must change a field'))
});

export const DeleteConversation = z.object({
  op: z.literal('delete'),
  changeId: z.uuidv7(),
  conversationId: z.uuidv7()
});

export const Change = z.discriminatedUnion('op', [CreateConversation, UpdateConversation, DeleteConversation]);
export type Change = z.infer<typeof Change>;

export const PushRequest = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  kind: z.literal('push'),
  deviceId: z.uuid(),
  /** Set once accounts exist; null until then. */
  userId: z.nullable(z.string().check(z.minLength(1))),
  changes: z
    .array(Change)
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
  acknowledged: z.array(z.uuid())
});
export type PushResult = z.infer<typeof PushResult>;

/** The body of every refusal from the sync API. */
export const ProtocolErrorBody = z.object({
  error: z.object({ reason: SyncErrorReason, message: z.string() })
});
export type ProtocolErrorBody = z.infer<typeof ProtocolErrorBody>;

/** Only the envelope, read first so an unknown version gets the "update the app" answer. */
export const MessageEnvelope = z.object({ protocol: z.number(), kind: z.string() });
