import * as z from 'zod/mini';

/**
 * Workers unlock a shared tablet with a PIN of 4 to 6 digits. The tablet keeps each worker's
 * salted PBKDF2 hash so it can check a PIN offline; the server keeps the same hash so a lead can
 * set a PIN from the web. A short PIN cannot resist someone who has copied the hashes off a
 * tablet: it keeps the next person in the queue out, and the device credential is what a lead
 * revokes when a tablet goes missing (docs/THREAT-MODEL.md).
 */
export const Pin = z.string().check(z.regex(/^\d{4,6}$/, 'A PIN is 4 to 6 digits'));

/** OWASP's work factor for PBKDF2-HMAC-SHA256. */
export const PIN_ITERATIONS = 600_000;
/** Wrong PINs in a row before the worker is locked out on that tablet until it next syncs. */
export const MAX_PIN_ATTEMPTS = 5;

export const PinHash = z.object({
  salt: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
  hash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  iterations: z.number().check(z.refine(Number.isInteger), z.minimum(100_000), z.maximum(10_000_000))
});
export type PinHash = z.infer<typeof PinHash>;

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return hex(bits);
}

/** A new salted hash of a PIN (WebCrypto, so the browser and the server compute it alike). */
export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: hex(salt), hash: await derive(pin, salt, iterations), iterations };
}

/** Whether the PIN matches the hash, compared in constant time. */
export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const candidate = await derive(pin, fromHex(stored.salt), stored.iterations);
  let difference = candidate.length ^ stored.hash.length;
  for (let i = 0; i < candidate.length; i++) difference |= candidate.charCodeAt(i) ^ stored.hash.charCodeAt(i % stored.hash.length);
  return difference === 0;
}
