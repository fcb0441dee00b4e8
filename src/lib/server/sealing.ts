import { decodeBase64urlIgnorePadding } from '@oslojs/encoding';
import { ECDH_P256, envelopeKey } from '$lib/domain/envelope-key';
import { SealedEnvelope, type SealingPublicKey } from '$lib/domain/sealed';

/** Why an envelope could not be opened, in words for the push answer (SYNC-SPEC S9). */
export class SealedEnvelopeError extends Error {}

/** A network key pair: the public half goes to tablets, the private half never leaves the server. */
export interface SealingKeyPair {
  publicKey: SealingPublicKey;
  privateJwk: JsonWebKey;
}

/** A new key pair named `kid` (made at set-up, and when a coordinator rotates the key). */
export async function newSealingKeyPair(kid: string): Promise<SealingKeyPair> {
  const pair = await crypto.subtle.generateKey(ECDH_P256, true, ['deriveBits']);
  const { x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { publicKey: { kid, jwk: { kty: 'EC', crv: 'P-256', x: x!, y: y! } }, privateJwk: await crypto.subtle.exportKey('jwk', pair.privateKey) };
}

/**
 * Opens an envelope a tablet sealed, with the private key its `kid` names (`privateKeyOf` gives
 * null for a key this server does not hold). What comes out is only JSON: the caller checks it
 * with the conversation's own schemas, as it would unsealed input.
 */
export async function openSealed(envelope: unknown, privateKeyOf: (kid: string) => JsonWebKey | null): Promise<unknown> {
  const parsed = SealedEnvelope.safeParse(envelope);
  if (!parsed.success) throw new SealedEnvelopeError('The sealed part of the conversation is not in the expected form.');
  const { kid, epk, iv, ct } = parsed.data;
  const jwk = privateKeyOf(kid);
  if (!jwk) throw new SealedEnvelopeError(`The sealed part was sealed with a key (${kid}) this server does not hold. Update the app, then sync again.`);
  try {
    const privateKey = await crypto.subtle.importKey('jwk', jwk, ECDH_P256, false, ['deriveBits']);
    const epkBytes = decodeBase64urlIgnorePadding(epk);
    const oneTime = await crypto.subtle.importKey('raw', epkBytes as BufferSource, ECDH_P256, false, []);
    const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: oneTime }, privateKey, 256);
    const aes = await envelopeKey(secret, kid, epkBytes, 'decrypt');
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: decodeBase64urlIgnorePadding(iv) as BufferSource }, aes, decodeBase64urlIgnorePadding(ct) as BufferSource);
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    throw new SealedEnvelopeError('The sealed part of the conversation could not be opened: it was changed on the way or sealed for another network.');
  }
}
