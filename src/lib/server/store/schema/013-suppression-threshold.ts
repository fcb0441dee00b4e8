import type { Migration } from './migration';

/**
 * Issue 13: counts of equality-monitoring answers below this are never shown (domain/suppression.ts,
 * SUPPRESSION_THRESHOLD); the coordinator sets it on the settings page, never below 5.
 */
export default {
  id: '013-suppression-threshold',
  sql: `
    alter table networks
      add column suppression_threshold int not null default 10 check (suppression_threshold between 5 and 100);
  `
} satisfies Migration;
