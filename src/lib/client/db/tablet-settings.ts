import { EnrolResult, type DeviceStatus } from '$lib/domain/device';

/**
 * The tablet's settings read from their kept values, one function each, whether Dexie read them
 * (tablet.ts) or the first screen's bare IndexedDB read did (first-look.ts). Apart from tablet.ts
 * because the first screen needs these and not its writes, which load with Dexie.
 */

export interface Unlocked {
  workerId: string;
  lastActiveAt: string;
}

export function enrolmentOf(value: string | undefined): EnrolResult | null {
  const parsed = value ? EnrolResult.safeParse(JSON.parse(value)) : null;
  return parsed?.success ? parsed.data : null;
}

export function deviceStateOf(value: string | undefined, enrolment: EnrolResult | null): DeviceStatus | 'not-enrolled' {
  return (value as DeviceStatus | undefined) ?? (enrolment ? 'active' : 'not-enrolled');
}

export const idleMinutesOf = (value: string | undefined): number => Number(value ?? 10);

export const unlockedOf = (value: string | undefined): Unlocked | null => (value ? (JSON.parse(value) as Unlocked) : null);

/** Each worker's unfinished conversation is their own. */
export const draftKey = (workerId: string) => `new-conversation:${workerId}`;
