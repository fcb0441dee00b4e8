import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockOf,
  CODES_PER_BLOCK,
  codeInBlock,
  nextCode,
  parseReferenceCode,
  REFERENCE_CODE_ALPHABET,
  ReferenceCode,
  wantsAnotherBlock
} from '../../../src/lib/domain/reference-code';

const LOOK_ALIKES = ['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B', 'U', 'V'];
const prefixes = fc
  .tuple(...[0, 1, 2].map(() => fc.constantFrom(...REFERENCE_CODE_ALPHABET)))
  .map((characters) => characters.join(''));
const numbers = fc.integer({ min: 0, max: CODES_PER_BLOCK - 1 });

describe('resident reference codes (issue 13)', () => {
  it('uses an alphabet of 23 characters with no look-alikes', () => {
    expect(REFERENCE_CODE_ALPHABET).toHaveLength(23);
    expect(new Set(REFERENCE_CODE_ALPHABET).size).toBe(23);
    for (const c of LOOK_ALIKES) expect(REFERENCE_CODE_ALPHABET).not.toContain(c);
  });

  it('every generated code is well formed, free of look-alikes and parses back to itself, however it is typed', () => {
    fc.assert(
      fc.property(prefixes, numbers, fc.boolean(), fc.boolean(), (prefix, number, lower, spaced) => {
        const code = codeInBlock(prefix, number);
        expect(ReferenceCode.safeParse(code).success).toBe(true);
        expect(blockOf(code)).toBe(prefix);
        for (const c of LOOK_ALIKES) expect(code).not.toContain(c);
        let typed = spaced ? ` ${code.replace('-', ' ')} ` : code.replace('-', '');
        if (lower) typed = typed.toLowerCase();
        expect(parseReferenceCode(typed)).toEqual({ ok: true, code });
      })
    );
  });

  it('gives every number of a block its own code', () => {
    const codes = new Set(Array.from({ length: CODES_PER_BLOCK }, (_, n) => codeInBlock('K7M', n)));
    expect(codes.size).toBe(CODES_PER_BLOCK);
  });

  it('makes neighbouring numbers look unlike each other', () => {
    const [first, second] = [codeInBlock('K7M', 0), codeInBlock('K7M', 1)];
    const differing = [...first].filter((c, i) => c !== second[i]).length;
    expect(differing).toBeGreaterThanOrEqual(2);
  });

  it('refuses look-alikes with a message naming them and the characters a code uses', () => {
    const parsed = parseReferenceCode('k0m-3qs');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain('“0”');
    expect(parsed.message).toContain('“S”');
    expect(parsed.message).toContain('3 4 6 7 9 A C D');
  });

  it('refuses a code of the wrong length or nothing at all', () => {
    expect(parseReferenceCode('K7M-3Q')).toEqual({ ok: false, message: 'A reference code is 6 characters, like K7M-3QX' });
    expect(parseReferenceCode('  ')).toEqual({ ok: false, message: 'Enter the reference code, like K7M-3QX' });
    expect(ReferenceCode.safeParse('k7m-3qx').success).toBe(false);
    expect(ReferenceCode.safeParse('K7M3QX').success).toBe(false);
  });

  it('takes codes from the first block with one left, and asks for another block at 80 % used', () => {
    const blocks = [{ prefix: 'K7M', used: CODES_PER_BLOCK }, { prefix: 'TXY', used: 0 }];
    const next = nextCode(blocks)!;
    expect(blockOf(next.code)).toBe('TXY');
    expect(next.blocks).toEqual([{ prefix: 'K7M', used: CODES_PER_BLOCK }, { prefix: 'TXY', used: 1 }]);
    expect(nextCode([{ prefix: 'K7M', used: CODES_PER_BLOCK }])).toBeNull();
    expect(wantsAnotherBlock([{ prefix: 'K7M', used: Math.ceil(CODES_PER_BLOCK * 0.8) + 1 }])).toBe(true);
    expect(wantsAnotherBlock([{ prefix: 'K7M', used: Math.floor(CODES_PER_BLOCK * 0.8) - 1 }])).toBe(false);
    expect(wantsAnotherBlock([])).toBe(true);
  });
});
