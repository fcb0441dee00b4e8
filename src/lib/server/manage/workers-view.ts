import type { Worker } from '$lib/domain/device';
import type { Organisation } from '$lib/domain/organisation';
import type { PersonCaller } from '../auth/guard';
import { organisationScope } from '../auth/managed-organisation';
import type { Store } from '../store';

export interface WorkerGroup {
  organisation: Organisation;
  workers: Worker[];
}

/** What Settings › Workers shows a coordinator or lead. */
export interface WorkersView {
  /** The organisations the caller may add workers to: a lead's own, or every current one. */
  organisations: Organisation[];
  /** A lead's organisation, which they do not choose. */
  ownOrganisation: Organisation | null;
  /** The organisation a coordinator chose to see, or null for all. */
  shown: string | null;
  /** Workers by organisation, organisations A–Z, with those that have none too. */
  groups: WorkerGroup[];
}

/** Workers of a network no longer listed (archived) are still shown, so they can be removed. */
const ARCHIVED: Omit<Organisation, 'id'> = { name: 'An organisation no longer listed' };

/**
 * The workers a coordinator (every organisation, or the one they chose) or a lead (their own
 * organisation only) manages. Null when a coordinator asks for an organisation that is not listed.
 */
export async function workersView(store: Store, caller: PersonCaller, requested: string | null): Promise<WorkersView | null> {
  const current = (await store.getReferenceData())?.organisations ?? [];
  const scope = organisationScope(caller);
  const ownOrganisation = scope === null ? null : (current.find((o) => o.id === scope) ?? { id: scope, ...ARCHIVED });
  const shown = scope ?? requested;
  if (scope === null && shown !== null && !current.some((o) => o.id === shown)) return null;
  const workers = await store.workers.listWorkers(caller.network.id, shown);
  const listed = shown === null ? current : current.filter((o) => o.id === shown);
  const groups: WorkerGroup[] = (ownOrganisation ? [ownOrganisation] : listed).map((organisation) => ({
    organisation,
    workers: workers.filter((w) => w.organisationId === organisation.id)
  }));
  const others = workers.filter((w) => !groups.some((g) => g.organisation.id === w.organisationId));
  for (const organisationId of new Set(others.map((w) => w.organisationId))) {
    groups.push({ organisation: { id: organisationId, ...ARCHIVED }, workers: others.filter((w) => w.organisationId === organisationId) });
  }
  return { organisations: ownOrganisation ? [ownOrganisation] : current, ownOrganisation, shown, groups };
}
