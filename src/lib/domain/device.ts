import * as z from 'zod/mini';
import { CodeBlockPrefix } from './reference-code';
import { freeText, trimmedText } from './text';
import { PinHash } from './worker-pin';

/**
 * Enrolled tablets and the workers who use them (issue 10). A tablet holds a device credential
 * that never expires on a timer: a lead or coordinator retires it (one last upload, then refused)
 * or reports it lost (refused at once, and told to erase what it holds if it ever connects).
 */
export const DeviceStatus = z.enum(['active', 'retiring', 'retired', 'lost']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const DeviceLabel = trimmedText(80, 'A tablet’s name must be 80 characters or fewer', 'Give the tablet a name, such as “Tablet 3”');

export interface DeviceRecord {
  id: string;
  networkId: string;
  organisationId: string;
  organisationName: string;
  label: string;
  status: DeviceStatus;
  enrolledAt: string;
  lastSyncAt: string | null;
  appVersion: string | null;
}

export const WorkerName = trimmedText(80, 'A worker’s name must be 80 characters or fewer', 'Enter the worker’s name');

export interface Worker {
  id: string;
  organisationId: string;
  name: string;
  hasPin: boolean;
}

/** A worker as a tablet keeps them: the PIN's salted hash, so the tablet can check it offline. */
export const RosterWorker = z.object({
  id: z.uuid(),
  name: z.string(),
  pin: z.nullable(PinHash)
});
export type RosterWorker = z.infer<typeof RosterWorker>;

/** What an enrolled tablet learns about itself each time it is online. */
export const DeviceRoster = z.object({
  device: z.object({
    id: z.uuid(),
    label: z.string(),
    status: DeviceStatus,
    organisation: z.object({ id: z.uuid(), name: z.string() })
  }),
  idleLockMinutes: z.number(),
  workers: z.array(RosterWorker),
  /** The tablet's reference-code blocks (issue 13), oldest first; absent from servers before codes. */
  codeBlocks: z.optional(z.array(CodeBlockPrefix).check(z.maxLength(100)))
});
export type DeviceRoster = z.infer<typeof DeviceRoster>;

/** Enrolment codes: 12 characters with no look-alikes (no 0/O, 1/I/L), typed as XXXX-XXXX-XXXX. */
export const ENROLMENT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ENROLMENT_MINUTES = 15;

/** The code as typed (any case, spaces or dashes), in its one canonical form, or null. */
export function normaliseEnrolmentCode(typed: string): string | null {
  const letters = typed.toUpperCase().replace(/[\s-]/g, '');
  if (letters.length !== 12 || [...letters].some((c) => !ENROLMENT_ALPHABET.includes(c))) return null;
  return `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8)}`;
}

export const EnrolRequest = z.object({ code: z.string().check(z.maxLength(40)), appVersion: z.optional(freeText(80, 'An app version is 80 characters or fewer')) });

export const EnrolResult = z.object({
  deviceId: z.uuid(),
  label: z.string(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  /** The tablet's first reference-code block (issue 13). */
  codeBlocks: z.optional(z.array(CodeBlockPrefix).check(z.maxLength(100)))
});
export type EnrolResult = z.infer<typeof EnrolResult>;
