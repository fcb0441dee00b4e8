import type { Migration } from './migration';

/**
 * Issue 15, point 4: the anchor progression framework. A network's stages, in order, known by
 * position (so renaming one keeps every assessment of it); what each stage means per theme; and
 * each organisation's self-assessments per theme, append-only (the current stage is the one assessed
 * on the latest date, then the latest entered: a past assessment typed in for the record does not
 * displace today's). An assessment holds its stage by (network, position), so a stage in
 * use cannot be removed. Existing networks get the four default stages; a network set up later
 * gets them when its stages are first read (progression-queries.ts).
 */
export default {
  id: '022-progression',
  sql: `
    create table progression_stages (
      network_id uuid not null references networks (id),
      position int not null check (position between 1 and 6),
      name text not null,
      description text not null default '',
      primary key (network_id, position)
    );
    create table progression_theme_stages (
      network_id uuid not null,
      position int not null,
      theme_id uuid not null references themes (id),
      description text not null,
      primary key (network_id, theme_id, position),
      foreign key (network_id, position) references progression_stages (network_id, position) on delete cascade
    );
    create table progression_assessments (
      id uuid primary key,
      network_id uuid not null references networks (id),
      organisation_id uuid not null references organisations (id),
      theme_id uuid not null references themes (id),
      position int not null,
      evidence text not null,
      assessed_on date not null,
      assessed_by uuid,
      assessed_by_name text not null,
      created_at timestamptz not null default now(),
      foreign key (network_id, position) references progression_stages (network_id, position)
    );
    create index progression_assessments_latest on progression_assessments (network_id, organisation_id, theme_id, assessed_on desc, created_at desc, id desc);
    insert into progression_stages (network_id, position, name, description)
      select n.id, s.position, s.name, s.description
        from networks n cross join (values
          (1, 'Starting out', 'We have begun to look at this theme and what we could do.'),
          (2, 'Developing', 'We have a plan and some work under way.'),
          (3, 'Established', 'It is part of how we work, and we measure it.'),
          (4, 'Leading', 'We lead others in the network and share what works.')
        ) as s (position, name, description);
  `
} satisfies Migration;
