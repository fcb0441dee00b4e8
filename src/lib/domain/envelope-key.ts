// Apart from sealed.ts, whose schemas every page that saves a conversation loads: only the code
// that seals (loaded after the first screen) and the server that opens need the key agreement.

export const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

/**
 * The AES-GCM key both sides reach from the ECDH secret. The key id and the one-time public key
 * are bound in, so an envelope cannot be moved under another key id.
 */
export async function envelopeKey(secret: ArrayBuffer, kid: string, epk: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: epk as BufferSource, info: new TextEncoder().encode(`anchor-listening sealed v1 ${kid}`) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage]
  );
}
