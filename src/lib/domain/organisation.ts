import * as z from 'zod/mini';
import { Id } from './id';
import { trimmedText } from './text';

/**
 * A community organisation of the network (a community centre, faith or voluntary group) whose
 * workers record conversations. Conversations may say which organisation recorded them.
 */
export const Organisation = z.object({
  id: Id,
  name: trimmedText(150, 'An organisation’s name must be 150 characters or fewer', 'Enter the organisation’s name')
});
export type Organisation = z.infer<typeof Organisation>;
