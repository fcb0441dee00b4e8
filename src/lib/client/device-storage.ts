/**
 * What the browser says about this device's storage: whether it keeps the app's data when space
 * runs low (persistent storage), and how much is used. Pure functions over a StorageManager passed
 * in (`navigator.storage` in the app, a fake in tests); every call copes with a browser that lacks
 * the API or refuses to answer.
 */
import { madeOnFirstUse } from '$lib/domain/made-on-first-use';

/** The browser's answer to "keep this app's data?" */
export type PersistenceState = 'persisted' | 'not-persisted' | 'unsupported';

/**
 * Asks the browser to keep this app's data (IndexedDB) even when space runs low, unless it already
 * does. Browsers may grant this only to installed apps or sites the person uses a lot, so the
 * answer is often 'not-persisted'; it is not an error. Safari evicts a site's data after 7 days
 * without a visit unless the app is on the home screen.
 */
export async function requestPersistentStorage(storage: StorageManager | undefined): Promise<PersistenceState> {
  if (typeof storage?.persisted !== 'function') return 'unsupported';
  try {
    if (await storage.persisted()) return 'persisted';
    if (typeof storage.persist !== 'function') return 'not-persisted';
    return (await storage.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    // Some browsers throw in private windows or embedded frames: we cannot tell.
    return 'unsupported';
  }
}

const INSTALL_ADVICE = 'Install the app (Add to Home Screen) and sync often.';

const PERSISTENCE_MESSAGES: Record<PersistenceState, string> = {
  persisted: 'This browser will keep conversations saved on this device until they sync, even when space runs low.',
  'not-persisted': `This browser may delete conversations saved here if the device runs low on space or the app is not opened for a while. ${INSTALL_ADVICE}`,
  unsupported: `This browser does not say whether it will keep conversations saved here. It may delete them if the device runs low on space or the app is not opened for a while. ${INSTALL_ADVICE}`
};

/** What the answer means for the worker, in plain English. */
export function persistenceMessage(state: PersistenceState): string {
  return PERSISTENCE_MESSAGES[state];
}

export interface StorageEstimateBytes {
  usedBytes: number;
  quotaBytes: number;
}

/** How much this app's storage uses and may use, as the browser estimates it; null when it will not say. */
export async function readStorageEstimate(storage: StorageManager | undefined): Promise<StorageEstimateBytes | null> {
  if (typeof storage?.estimate !== 'function') return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (!isByteCount(usage) || !isByteCount(quota)) return null;
    return { usedBytes: usage, quotaBytes: quota };
  } catch {
    return null;
  }
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** '3.1 MB of 1.2 GB available', or a plain sentence when the browser does not say. */
export function storageUsedMessage(estimate: StorageEstimateBytes | null): string {
  if (!estimate) return 'This browser does not say how much space is used.';
  return `${formatBytes(estimate.usedBytes)} of ${formatBytes(estimate.quotaBytes)} available`;
}

const UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'];
const oneDecimal = madeOnFirstUse(() => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }));

/**
 * A byte count as people read it on a device's storage screen: '512 bytes', '1.2 MB', '3 GB'.
 * Decimal units (1 MB = 1,000,000 bytes), as iPadOS, Android and browsers' own settings show them.
 */
export function formatBytes(bytes: number): string {
  if (!isByteCount(bytes)) throw new RangeError(`Not a number of bytes: ${bytes}`);
  const whole = Math.round(bytes);
  if (whole < 1000) return `${whole} ${whole === 1 ? 'byte' : 'bytes'}`;
  let value = whole / 1000;
  let unit = 0;
  // Move up a unit when the value would show as 1,000 or more once rounded (999,960 bytes is 1 MB).
  while (Math.round(value * 10) / 10 >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${oneDecimal().format(value)} ${UNITS[unit]}`;
}
