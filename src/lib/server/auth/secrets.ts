import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { ENROLMENT_ALPHABET } from '$lib/domain/device';

/**
 * Secrets handed out (session tokens, invitation and reset links, device credentials, enrolment
 * codes) are random and stored only as their SHA-256 hash, as the Lucia guide does: a copy of the
 * database lets no one in. 160 random bits need no slow hash.
 */
export function newToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** A one-time enrolment code, XXXX-XXXX-XXXX from an alphabet without look-alikes (about 59 bits). */
export function newEnrolmentCode(): string {
  const letters: string[] = [];
  // Rejection sampling keeps every letter equally likely.
  while (letters.length < 12) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < 248 && letters.length < 12) letters.push(ENROLMENT_ALPHABET[byte % ENROLMENT_ALPHABET.length]);
    }
  }
  const code = letters.join('');
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
