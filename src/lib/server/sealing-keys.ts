import * as z from 'zod/mini';
import { SealingKeyId, type SealingPublicKey } from '$lib/domain/sealed';
import { newSealingKeyPair } from './sealing';
import type { Store } from './store';
import type { StoredSealingKey } from './store/sealing-key-queries';

/**
 * The key pairs tablets seal contact details and equality answers to (issue 13), from one of two
 * places: `SEALING_PRIVATE_KEYS`, where a deployment keeps its keys apart from the database (a
 * JSON array of private JWKs, each with its `kid`, newest first), or else the database, where
 * the first pair is made when a tablet first needs it. Either way the newest is the one tablets
 * are given and the older ones stay, to open what was sealed before a rotation.
 */

const base64url = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/));
const PrivateJwk = z.object({ kid: SealingKeyId, kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url, y: base64url, d: base64url });
const PrivateJwks = z.array(PrivateJwk).check(z.minLength(1));

export class SealingKeysSettingError extends Error {}

/** The keys in `SEALING_PRIVATE_KEYS`, or null when it is not set; throws, saying what to fix, when it is set wrong. */
export function sealingKeysFromEnv(env: Record<string, string | undefined>): StoredSealingKey[] | null {
  const text = env.SEALING_PRIVATE_KEYS?.trim();
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SealingKeysSettingError('SEALING_PRIVATE_KEYS is not JSON: give a JSON array of private keys, as `npm run sealing-key -- new` prints them.');
  }
  const parsed = PrivateJwks.safeParse(json);
  if (!parsed.success) {
    throw new SealingKeysSettingError('SEALING_PRIVATE_KEYS must be a JSON array of P-256 private keys (JWK) each with its "kid", newest first, as `npm run sealing-key -- new` prints them.');
  }
  return parsed.data.map(({ kid, ...jwk }) => ({ publicKey: { kid, jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } }, privateJwk: jwk }));
}

/** A new key's id: the day it was made and some randomness, so a rotation's keys are told apart at a glance. */
export function newSealingKeyId(now = new Date()): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${now.toISOString().slice(0, 10)}-${random}`;
}

/** Every key pair, newest first; with none kept yet, the database's first pair is made now. */
async function allKeys(store: Store, env: Record<string, string | undefined>): Promise<StoredSealingKey[]> {
  const fromEnv = sealingKeysFromEnv(env);
  if (fromEnv) return fromEnv;
  const kept = await store.sealingKeys.sealingKeys();
  if (kept.length > 0) return kept;
  await rotateSealingKey(store);
  return store.sealingKeys.sealingKeys();
}

/** The public key tablets seal to now. */
export async function currentSealingKey(store: Store, env: Record<string, string | undefined>): Promise<SealingPublicKey> {
  return (await allKeys(store, env))[0].publicKey;
}

/** Every private key this server holds, by key id, for opening what tablets sealed. */
export async function sealingPrivateKeys(store: Store, env: Record<string, string | undefined>): Promise<Map<string, JsonWebKey>> {
  return new Map((await allKeys(store, env)).map((key) => [key.publicKey.kid, key.privateJwk]));
}

/** Makes a new key pair in the database, which tablets are given from their next refresh on. */
export async function rotateSealingKey(store: Store): Promise<SealingPublicKey> {
  const pair = await newSealingKeyPair(newSealingKeyId());
  await store.sealingKeys.addSealingKey(pair);
  return pair.publicKey;
}
