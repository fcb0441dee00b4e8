import * as z from 'zod/mini';

/** A listening event a network holds: conversations may say which one they were recorded at. */
export const ListeningEvent = z.object({
  id: z.uuid(),
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'Enter the event’s name'), z.maxLength(150, 'An event name must be 150 characters or fewer')),
  date: z.iso.date({ error: 'Enter the event’s date' }),
  place: z.string().check(z.trim(), z.maxLength(150, 'A place must be 150 characters or fewer'))
});
export type ListeningEvent = z.infer<typeof ListeningEvent>;
