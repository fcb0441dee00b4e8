import type { Migration } from './migration';

/**
 * Boundary sets change (wards are redrawn): a ward left out of a new set is kept, no longer
 * current, so conversations keep the ward code they were recorded under.
 */
export default {
  id: '004-boundary-sets',
  sql: `
    alter table wards
      add column current boolean not null default true,
      add column boundary_year text;
  `
} satisfies Migration;
