import type { Migration } from './migration';

/**
 * Issue 12: a ward's share shows on the map only from this many conversations (domain/ward-map.ts,
 * MINIMUM_CONVERSATIONS); the coordinator sets it on the settings page.
 */
export default {
  id: '011-map-minimum-conversations',
  sql: `
    alter table networks
      add column map_minimum_conversations int not null default 5 check (map_minimum_conversations between 1 and 100);
  `
} satisfies Migration;
