import type { SealingPublicKey } from '$lib/domain/sealed';
import type { SqlDatabase } from './sql-database';

/** A key pair as the database keeps it: the private half never leaves the server. */
export interface StoredSealingKey {
  publicKey: SealingPublicKey;
  privateJwk: JsonWebKey;
}

/** Every key pair, newest first: the first is the one tablets seal to. */
export async function sealingKeys(db: SqlDatabase): Promise<StoredSealingKey[]> {
  const rows = await db.query<{ kid: string; publicJwk: SealingPublicKey['jwk']; privateJwk: JsonWebKey }>(
    'select kid, public_jwk as "publicJwk", private_jwk as "privateJwk" from sealing_keys order by made desc'
  );
  return rows.map(({ kid, publicJwk, privateJwk }) => ({ publicKey: { kid, jwk: publicJwk }, privateJwk }));
}

/** Adds a key pair, which becomes the current one (made at first need, and by a rotation). */
export async function addSealingKey(db: SqlDatabase, key: StoredSealingKey): Promise<void> {
  await db.query('insert into sealing_keys (kid, public_jwk, private_jwk) values ($1, $2::jsonb, $3::jsonb)', [
    key.publicKey.kid,
    JSON.stringify(key.publicKey.jwk),
    JSON.stringify(key.privateJwk)
  ]);
}
