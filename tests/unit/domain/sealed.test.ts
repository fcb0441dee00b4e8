import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealFor } from '../../../src/lib/client/sealing';
import { SealedEnvelope } from '../../../src/lib/domain/sealed';
import { newSealingKeyPair, openSealed, SealedEnvelopeError } from '../../../src/lib/server/sealing';

const CONTACT = 'call 0113 496 0731 after 6pm';
const secret = { followUp: { wanted: true, contact: CONTACT }, equality: { ageBand: '25-34', ethnicity: 'white-roma' } };

describe('sealing contact details and equality answers (issue 13, point 5)', async () => {
  const network = await newSealingKeyPair('leeds-2026-12');
  const other = await newSealingKeyPair('derby-2026-12');
  const keys = (...pairs: (typeof network)[]) => (kid: string) => pairs.find((pair) => pair.publicKey.kid === kid)?.privateJwk ?? null;

  it('only the server holding the private key opens what a tablet sealed, intact', async () => {
    const envelope = await sealFor(network.publicKey, secret);
    expect(SealedEnvelope.safeParse(envelope).success).toBe(true);
    expect(JSON.stringify(envelope)).not.toContain('0113');
    expect(JSON.stringify(envelope)).not.toContain('roma');
    expect(await openSealed(envelope, keys(network))).toEqual(secret);
  });

  it('any text round-trips, and the same value never seals the same way twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 500 }), async (contact) => {
        const value = { followUp: { wanted: true, contact } };
        const [a, b] = [await sealFor(network.publicKey, value), await sealFor(network.publicKey, value)];
        expect(a.ct).not.toBe(b.ct);
        expect(a.epk).not.toBe(b.epk);
        expect(await openSealed(a, keys(network))).toEqual(value);
      }),
      { numRuns: 50 }
    );
  });

  it('an envelope changed on the way, moved under another key id, or for another network is refused in words', async () => {
    const envelope = await sealFor(network.publicKey, secret);
    const flipped = decodeBase64urlIgnorePadding(envelope.ct);
    flipped[0] ^= 1;
    const refusals = [
      { ...envelope, ct: encodeBase64urlNoPadding(flipped) },
      { ...envelope, kid: other.publicKey.kid }
    ];
    for (const changed of refusals) await expect(openSealed(changed, keys(network, other))).rejects.toThrow(/could not be opened/);
    await expect(openSealed(await sealFor(other.publicKey, secret), keys(network))).rejects.toThrow(/a key \(derby-2026-12\) this server does not hold/);
    await expect(openSealed({ ...envelope, v: 2 }, keys(network))).rejects.toBeInstanceOf(SealedEnvelopeError);
    await expect(openSealed({ ...envelope, ct: 'x'.repeat(20_000) }, keys(network))).rejects.toThrow(/not in the expected form/);
    await expect(openSealed('not an envelope', keys(network))).rejects.toBeInstanceOf(SealedEnvelopeError);
  });
});
