import type { Migration } from './migration';

/**
 * Invitations are listed newest first; two made within the same clock tick (PGlite's clock counts
 * milliseconds) tied on `created_at` and came back in either order. A sequence breaks the tie.
 */
export default {
  id: '016-account-links-order',
  sql: `
    alter table account_links add column made bigserial;
  `
} satisfies Migration;
