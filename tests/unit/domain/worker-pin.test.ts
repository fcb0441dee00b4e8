import { describe, expect, it } from 'vitest';
import { hashPin, Pin, PinHash, pinMatches } from '../../../src/lib/domain/worker-pin';

describe('worker PINs', () => {
  it('accepts 4 to 6 digits only', () => {
    for (const pin of ['1234', '000000', '98765']) expect(Pin.safeParse(pin).success, pin).toBe(true);
    for (const pin of ['123', '1234567', '12a4', ' 1234', '', '１２３４']) expect(Pin.safeParse(pin).success, pin).toBe(false);
  });

  it('checks a PIN against its salted hash, and two hashes of one PIN differ', async () => {
    const [first, second] = await Promise.all([hashPin('2468', 100_000), hashPin('2468', 100_000)]);
    expect(PinHash.parse(first)).toEqual(first);
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
    expect(await pinMatches('2468', first)).toBe(true);
    expect(await pinMatches('2469', first)).toBe(false);
    expect(await pinMatches('24680', first)).toBe(false);
  });

  it('uses OWASP’s work factor unless told otherwise, and keeps it with the hash', async () => {
    const stored = await hashPin('1357');
    expect(stored.iterations).toBe(600_000);
    expect(await pinMatches('1357', stored)).toBe(true);
  });
});
