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
const NONE: FirstPaintHint = { tablet: false, networkName: null, links: [] };

export function readFirstPaintHint(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): FirstPaintHint {
  try {
    const value = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<FirstPaintHint> | null;
    if (!value || typeof value !== 'object') return NONE;
    return {
      tablet: value.tablet === true,
      networkName: typeof value.networkName === 'string' ? value.networkName : null,
      links: Array.isArray(value.links) ? value.links.filter((href) => typeof href === 'string') : []
    };
  } catch {
    return NONE; // storage blocked (private mode) or unreadable: hold no places
  }
}

export function writeFirstPaintHint(hint: FirstPaintHint, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(hint));
  } catch {
    // Storage full or blocked: the next first paint just holds no places.
  }
}
