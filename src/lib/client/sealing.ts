import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { ECDH_P256, envelopeKey, type SealedEnvelope, type SealingPublicKey } from '$lib/domain/sealed';

/**
 * Seals `value` (as JSON) to the network's public key: only the server can open what this
 * returns. A fresh key pair and nonce every time, so sealing the same value twice gives
 * envelopes that cannot be told to hold the same thing.
 */
export async function sealFor(key: SealingPublicKey, value: unknown): Promise<SealedEnvelope> {
  const network = await crypto.subtle.importKey('jwk', { ...key.jwk, ext: true }, ECDH_P256, false, []);
  const oneTime = await crypto.subtle.generateKey(ECDH_P256, false, ['deriveBits']);
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: network }, oneTime.privateKey, 256);
  const epk = new Uint8Array(await crypto.subtle.exportKey('raw', oneTime.publicKey));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aes = await envelopeKey(secret, key.kid, epk, 'encrypt');
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, new TextEncoder().encode(JSON.stringify(value)));
  return { v: 1, kid: key.kid, epk: encodeBase64urlNoPadding(epk), iv: encodeBase64urlNoPadding(iv), ct: encodeBase64urlNoPadding(new Uint8Array(ct)) };
}
