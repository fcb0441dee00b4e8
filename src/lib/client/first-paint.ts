/**
 * What the header looked like last time, kept in localStorage because it is read synchronously:
 * the first paint can then hold the sync bar's and the network name's places before IndexedDB
 * answers, so nothing below them jumps when they arrive. A guess only; wrong once, fixed at once.
 */
export interface FirstPaintHint {
  /** This browser was an enrolled tablet: the sync bar will show. */
  tablet: boolean;
  networkName: string | null;
  /** The menu's links (hrefs): wider screens show them in a row whose height depends on how many. */
  links: string[];
}

const KEY = 'anchor.first-paint';
export const NO_HINT: FirstPaintHint = { tablet: false, networkName: null, links: [] };

/** Last time's header; null when this browser never showed the app (or cannot say), so nothing holds places. */
export function readFirstPaintHint(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): FirstPaintHint | null {
  try {
    const value = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<FirstPaintHint> | null;
    if (!value || typeof value !== 'object') return null;
    return {
      tablet: value.tablet === true,
      networkName: typeof value.networkName === 'string' ? value.networkName : null,
      links: Array.isArray(value.links) ? value.links.filter((href) => typeof href === 'string') : []
    };
  } catch {
    return null; // storage blocked (private mode) or unreadable: hold no places
  }
}

export function writeFirstPaintHint(hint: FirstPaintHint, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(hint));
  } catch {
    // Storage full or blocked: the next first paint just holds no places.
  }
}
