/**
 * The device's IndexedDB database, named apart from the Dexie schema so the first screen's raw
 * read (first-look.ts) can open it without loading Dexie.
 */
export const DATABASE_NAME = 'anchor-listening';
