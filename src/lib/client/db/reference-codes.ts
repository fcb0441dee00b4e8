import { BLOCK_PREFIX_PATTERN, nextCode, wantsAnotherBlock, type CodeBlockUse, type ReferenceCode } from '$lib/domain/reference-code';
import type { DeviceDatabase } from './database';

/**
 * The tablet's reference-code blocks and how far it has used each (issue 13), kept in IndexedDB
 * (`settings` key `codeBlocks`). A code is taken in the same transaction that saves the
 * conversation, so a crash can never give one code twice.
 */

export async function getCodeBlocks(db: DeviceDatabase): Promise<CodeBlockUse[]> {
  const setting = await db.settings.get('codeBlocks');
  if (!setting) return [];
  try {
    const blocks = JSON.parse(setting.value) as CodeBlockUse[];
    return Array.isArray(blocks) ? blocks.filter((b) => BLOCK_PREFIX_PATTERN.test(b.prefix) && Number.isInteger(b.used)) : [];
  } catch {
    return [];
  }
}

/**
 * Keeps the blocks the server lists for this tablet, in its order, each with the count used here
 * so far (0 for a new one). A block it no longer lists is dropped: codes from it would be refused.
 */
export async function keepCodeBlocks(db: DeviceDatabase, prefixes: readonly string[]): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const used = new Map((await getCodeBlocks(db)).map((block) => [block.prefix, block.used]));
    const blocks = prefixes.map((prefix) => ({ prefix, used: used.get(prefix) ?? 0 }));
    await db.settings.put({ key: 'codeBlocks', value: JSON.stringify(blocks) });
  });
}

/**
 * The next code, counted as used; null when the tablet has none left (the server then gives one
 * when the conversation syncs). Call inside a transaction that includes `settings` and the save.
 */
export async function takeCode(db: DeviceDatabase): Promise<ReferenceCode | null> {
  const next = nextCode(await getCodeBlocks(db));
  if (!next) return null;
  await db.settings.put({ key: 'codeBlocks', value: JSON.stringify(next.blocks) });
  return next.code;
}

/** Whether the next roster request should ask for a further block. */
export async function needsMoreCodes(db: DeviceDatabase): Promise<boolean> {
  return wantsAnotherBlock(await getCodeBlocks(db));
}

/**
 * The codes the server gave conversations this tablet saved without one (it had none left):
 * each kept on the conversation here, which had none, so My conversations shows it.
 */
export async function learnServerCodes(db: DeviceDatabase, codes: Record<string, string>): Promise<void> {
  const ids = Object.keys(codes);
  if (ids.length === 0) return;
  await db.transaction('rw', db.conversations, async () => {
    await db.conversations
      .where('id')
      .anyOf(ids)
      .modify((conversation) => {
        conversation.referenceCode ??= codes[conversation.id];
      });
  });
}
