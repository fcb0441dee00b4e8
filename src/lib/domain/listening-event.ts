import * as z from 'zod/mini';
import { Id } from './id';
import { trimmedText } from './text';

/** A listening event a network holds: conversations may say which one they were recorded at. */
export const ListeningEvent = z.object({
  id: Id,
  name: trimmedText(150, 'An event name must be 150 characters or fewer', 'Enter the event’s name'),
  /** Any real date: events stored before issue 11 may be outside the range a new event is checked against (network-settings.ts). */
  date: z.iso.date({ error: 'Enter the event’s date' }),
  place: trimmedText(150, 'A place must be 150 characters or fewer')
});
export type ListeningEvent = z.infer<typeof ListeningEvent>;
