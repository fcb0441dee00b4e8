import type { Migration } from './migration';

/**
 * Issue 14: a network may have its coordinators mailed a summary of the month just ended (ward ×
 * theme counts). `monthly_summary_mailed_for` is the last month mailed ('2026-11'), so each month
 * is mailed once however many server processes run the daily job.
 */
export default {
  id: '021-monthly-summary',
  sql: `
    alter table networks
      add column monthly_summary boolean not null default false,
      add column monthly_summary_mailed_for text;
  `
} satisfies Migration;
