import type { Migration } from './migration';

/**
 * Issue 13: a resident may withdraw their equality answers alone. Once withdrawn they stay
 * withdrawn: a tablet's later edit of them is ignored, as a delete sticks (S6).
 */
export default {
  id: '015-equality-withdrawn',
  sql: `
    alter table conversations add column equality_withdrawn_at timestamptz;
  `
} satisfies Migration;
