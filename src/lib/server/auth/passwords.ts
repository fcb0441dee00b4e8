import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's minimum parameters (19 MiB of memory, 2 passes, 1 lane). `algorithm: 2`
 * is Argon2id: the library's const enum cannot be imported under isolated modules.
 */
const OWASP_ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OWASP_ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash matches nothing
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time a real check takes, for an email nobody signs in with, so how long a sign-in
 * takes does not tell who has an account.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('a password nobody has, hashed once per process');
  await verifyPassword(await decoy, password);
  return false;
}
