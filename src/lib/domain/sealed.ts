import * as z from 'zod/mini';

/**
 * Sealing (issue 13, point 5): what a tablet must not be able to show once saved — follow-up
 * contact details and equality answers — is encrypted to the network's public key before it
 * touches IndexedDB, and only the server, holding the private key, opens it. ECDH on P-256 with a
 * fresh key per envelope, HKDF-SHA-256 to an AES-GCM-256 key, WebCrypto only (browser and Node).
 * This module is what both sides share: the envelope, the public key's shape and the key
 * derivation. Sealing is `client/sealing.ts`; opening is `server/sealing.ts`.
 */

const base64url = (max: number) => z.string().check(z.maxLength(max), z.regex(/^[A-Za-z0-9_-]*$/, 'Not base64url text'));

/** A key's id: names which of the network's key pairs sealed an envelope, so keys can be rotated. */
export const SealingKeyId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));

/** The network's public key as reference data carries it to tablets. */
export const SealingPublicKey = z.object({
  kid: SealingKeyId,
  jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url(64), y: base64url(64) })
});
export type SealingPublicKey = z.infer<typeof SealingPublicKey>;

/** Room for the largest contact details and every equality answer, as JSON, with the GCM tag. */
const MAX_CIPHERTEXT = 12_000;

export const SealedEnvelope = z.object({
  v: z.literal(1),
  kid: SealingKeyId,
  /** The sender's one-time public key, raw and uncompressed (65 bytes). */
  epk: base64url(100),
  /** AES-GCM's 12-byte nonce. */
  iv: base64url(16),
  ct: base64url(MAX_CIPHERTEXT)
});
export type SealedEnvelope = z.infer<typeof SealedEnvelope>;
