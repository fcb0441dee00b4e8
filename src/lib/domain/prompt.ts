import * as z from 'zod/mini';
import { Id } from './id';
import { trimmedText } from './text';

export const PromptText = trimmedText(300, 'A prompt must be 300 characters or fewer', 'A prompt cannot be empty');

/** A question a community worker asks; its answer is free text. */
export const Prompt = z.object({ id: Id, text: PromptText });
export type Prompt = z.infer<typeof Prompt>;

/**
 * Every network starts with these two prompts. Their ids are the same in every network, so
 * conversations recorded before prompts were data (which held just these two answers) map onto them.
 */
export const DEFAULT_PROMPTS: readonly Prompt[] = [
  { id: '00000000-0000-4000-8000-000000000001', text: 'What do you love about where you live?' },
  { id: '00000000-0000-4000-8000-000000000002', text: 'What would you change?' }
];
