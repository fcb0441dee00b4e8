import type { Migration } from './migration';

/**
 * Numbers per ward a coordinator uploads (e.g. IMD rank). Values carry no foreign key to wards:
 * a boundary import may retire wards, and reads join to the network's current wards instead.
 * Upload names are unique per network regardless of case, so re-uploading replaces.
 */
export default {
  id: '005-ward-indicators',
  sql: `
    create table ward_indicators (
      id uuid primary key,
      network_id uuid not null references networks (id),
      name text not null,
      source text not null default '',
      lower_is_more_deprived boolean not null,
      uploaded_at timestamptz not null default now()
    );
    create unique index ward_indicators_by_name on ward_indicators (network_id, lower(name));
    create table ward_indicator_values (
      indicator_id uuid not null references ward_indicators (id) on delete cascade,
      ward_code text not null,
      value double precision not null,
      primary key (indicator_id, ward_code)
    );
  `
} satisfies Migration;
