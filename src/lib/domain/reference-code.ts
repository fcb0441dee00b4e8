import * as z from 'zod/mini';

/**
 * The resident's reference code (issue 13): `K7M-3QX`, written on the thank-you card so a resident
 * can later ask about, correct or erase what they said. Six characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V: 23 characters), so it can be read aloud and copied by hand.
 *
 * Tablets save offline and the code is final the moment it is shown, so codes are unique by
 * construction: the server gives each tablet a block, a 3-character prefix unique in the network
 * (the first half); the tablet numbers its conversations within its block (the second half).
 */
export const REFERENCE_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
const BASE = REFERENCE_CODE_ALPHABET.length;

/** Codes in one block: 23³ = 12,167. */
export const CODES_PER_BLOCK = BASE ** 3;
/** A tablet asks for a further block once this share of its codes is used. */
export const ASK_FOR_BLOCK_AT = 0.8;
/** The most blocks the server gives one tablet (about 121,000 conversations). */
export const MAX_BLOCKS_PER_DEVICE = 10;

/**
 * Numbers within a block are spread by a fixed bijection (multiply by a number coprime to 13,824,
 * then offset), so two residents of the same day get codes that look unlike each other and are not
 * mistaken when read aloud. It is not a secret: a code is a reference, never a password.
 */
const SPREAD_MULTIPLIER = 5003;
const SPREAD_OFFSET = 4219;

export const REFERENCE_CODE_PATTERN = new RegExp(`^[${REFERENCE_CODE_ALPHABET}]{3}-[${REFERENCE_CODE_ALPHABET}]{3}$`);
export const BLOCK_PREFIX_PATTERN = new RegExp(`^[${REFERENCE_CODE_ALPHABET}]{3}$`);

const CODE_MESSAGE = `A reference code is 6 characters like K7M-3QX, using only ${REFERENCE_CODE_ALPHABET}`;

/** A code in its one stored form: upper case, with the hyphen. */
export const ReferenceCode = z.string().check(z.regex(REFERENCE_CODE_PATTERN, CODE_MESSAGE));
export type ReferenceCode = z.infer<typeof ReferenceCode>;

/** A block: the first half of the codes it holds. */
export const CodeBlockPrefix = z.string().check(z.regex(BLOCK_PREFIX_PATTERN, 'A code block is 3 characters of the reference-code alphabet'));

/** Three characters for a number from 0 to 12,166. */
function threeCharacters(value: number): string {
  const digit = (n: number) => REFERENCE_CODE_ALPHABET[n % BASE];
  return digit(Math.floor(value / (BASE * BASE))) + digit(Math.floor(value / BASE)) + digit(value);
}

/** The `number`th code (0 to 12,166) of the block `prefix`. */
export function codeInBlock(prefix: string, number: number): ReferenceCode {
  if (!BLOCK_PREFIX_PATTERN.test(prefix)) throw new Error(`Not a code block: ${prefix}`);
  if (!Number.isInteger(number) || number < 0 || number >= CODES_PER_BLOCK) throw new Error(`No code number ${number} in a block`);
  return `${prefix}-${threeCharacters((number * SPREAD_MULTIPLIER + SPREAD_OFFSET) % CODES_PER_BLOCK)}`;
}

/** The block a code belongs to. */
export const blockOf = (code: ReferenceCode): string => code.slice(0, 3);

export type ParsedReferenceCode = { ok: true; code: ReferenceCode } | { ok: false; message: string };

/**
 * A code as a person typed it: any case, spaces or a missing hyphen are fine. Look-alike
 * characters are refused, never guessed: an O could be a mistyped 0 or Q, so guessing could
 * point at another resident's conversation.
 */
export function parseReferenceCode(typed: string): ParsedReferenceCode {
  const characters = typed.slice(0, 40).toUpperCase().replace(/[\s\-‐-―]/g, '');
  if (characters === '') return { ok: false, message: 'Enter the reference code, like K7M-3QX' };
  const wrong = [...new Set([...characters].filter((c) => !REFERENCE_CODE_ALPHABET.includes(c)))];
  if (wrong.length > 0) {
    return {
      ok: false,
      message: `A reference code never contains ${wrong.map((c) => `“${c}”`).join(', ')}. It uses only ${REFERENCE_CODE_ALPHABET.split('').join(' ')}: check the card again`
    };
  }
  if (characters.length !== 6) return { ok: false, message: 'A reference code is 6 characters, like K7M-3QX' };
  return { ok: true, code: `${characters.slice(0, 3)}-${characters.slice(3)}` };
}

/** A tablet's block and how many of its codes it has used. */
export interface CodeBlockUse {
  prefix: string;
  used: number;
}

/** The next code a tablet gives, from its first block with one left, and the blocks after it; null when none is left. */
export function nextCode(blocks: readonly CodeBlockUse[]): { code: ReferenceCode; blocks: CodeBlockUse[] } | null {
  const index = blocks.findIndex((block) => block.used < CODES_PER_BLOCK);
  if (index < 0) return null;
  const block = blocks[index];
  return {
    code: codeInBlock(block.prefix, block.used),
    blocks: blocks.map((b, i) => (i === index ? { ...b, used: b.used + 1 } : b))
  };
}

/** Whether a tablet should ask for a further block: fewer than a fifth of one block's codes left. */
export function wantsAnotherBlock(blocks: readonly CodeBlockUse[]): boolean {
  const left = blocks.reduce((sum, block) => sum + Math.max(0, CODES_PER_BLOCK - block.used), 0);
  return left < CODES_PER_BLOCK * (1 - ASK_FOR_BLOCK_AT);
}
