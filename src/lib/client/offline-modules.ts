/**
 * The code that saving, editing, locating and syncing use. It loads after the first screen, to
 * keep that small, but it is fetched as soon as the first screen is up: a tablet can lose its
 * signal before its first save, and on a first visit no service worker holds the code yet, so a
 * save that fetched it only then failed offline.
 */
export function fetchOfflineModules(): Promise<unknown> {
  return Promise.allSettled([
    import('./db/conversations'),
    import('./db/outbox'),
    import('./db/tablet'),
    import('./db/reference-codes'),
    import('./sealing'),
    import('uuidv7'),
    import('./sync/sync-engine'),
    import('$lib/map/locate-ward')
  ]);
}
