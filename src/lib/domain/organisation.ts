import * as z from 'zod/mini';

/**
 * A community organisation of the network (a community centre, faith or voluntary group) whose
 * workers record conversations. Conversations may say which organisation recorded them.
 */
export const Organisation = z.object({
  id: z.uuid(),
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter the organisation’s name'),
      z.maxLength(150, 'An organisation’s name must be 150 characters or fewer')
    )
});
export type Organisation = z.infer<typeof Organisation>;
