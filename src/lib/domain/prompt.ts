import * as z from 'zod/mini';

export const PromptText = z
  .string()
  .check(z.trim(), z.minLength(1, 'A prompt cannot be empty'), z.maxLength(300, 'A prompt must be 300 characters or fewer'));

/** A question a community worker asks; its answer is free text. */
export const Prompt = z.object({ id: z.uuid(), text: PromptText });
export type Prompt = z.infer<typeof Prompt>;

/**
 * Every network starts with these two prompts. Their ids are the same in every network, so
 * conversations recorded before prompts were data (which held just these two answers) map onto them.
 */
export const DEFAULT_PROMPTS: readonly Prompt[] = [
  { id: '00000000-0000-4000-8000-000000000001', text: 'What do you love about where you live?' },
  { id: '00000000-0000-4000-8000-000000000002', text: 'What would you change?' }
];
