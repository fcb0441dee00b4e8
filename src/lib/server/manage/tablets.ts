import type { DeviceRecord } from '$lib/domain/device';
import type { Checked } from '$lib/domain/field-error';
import type { Organisation } from '$lib/domain/organisation';
import { audit } from '../auth/audit';
import type { PersonCaller } from '../auth/guard';
import { organisationScope } from '../auth/managed-organisation';
import type { Store } from '../store';

/** What Settings › Tablets shows a coordinator (every tablet) or a lead (their organisation's). */
export interface TabletsView {
  /** The organisations the caller may enrol tablets for: a lead's own, or every current one. */
  organisations: Organisation[];
  /** A lead's organisation, which they do not choose. */
  ownOrganisation: Organisation | null;
  /** Tablets in use first, then retired and lost ones; by name. */
  tablets: DeviceRecord[];
}

export async function tabletsView(store: Store, caller: PersonCaller): Promise<TabletsView> {
  const current = (await store.getReferenceData())?.organisations ?? [];
  const scope = organisationScope(caller);
  const ownOrganisation = scope === null ? null : (current.find((o) => o.id === scope) ?? null);
  return {
    organisations: scope === null ? current : ownOrganisation ? [ownOrganisation] : [],
    ownOrganisation,
    tablets: await store.devices.listDevices(caller.network.id, scope)
  };
}

/** The list's field, which an error about a tablet that is not listed links to. */
export const TABLETS_FIELD = 'tablets';

/**
 * Retires a tablet (it uploads what it holds once more, then is refused) or reports it lost
 * (refused at once; it erases what it holds if it connects again), and writes it in the audit
 * log. A lead acts only on their organisation's tablets.
 */
export async function changeTabletStatus(
  store: Store,
  caller: PersonCaller,
  deviceId: string,
  status: 'retiring' | 'lost'
): Promise<Checked<string>> {
  const tablet = await store.devices.setDeviceStatus(caller.network.id, deviceId, status, organisationScope(caller));
  if (!tablet) {
    const message = `That tablet is not one you manage, or it is already ${status === 'lost' ? 'reported lost' : 'retired'}.`;
    return { ok: false, errors: [{ field: TABLETS_FIELD, message }] };
  }
  await audit(store, caller, status === 'lost' ? 'device-lost' : 'device-retired', tablet.label, { organisation: tablet.organisationName });
  return {
    ok: true,
    value:
      status === 'lost'
        ? `${tablet.label} reported lost. It is refused from now on, and if it connects again it erases everything on it.`
        : `${tablet.label} retired. It uploads what it holds the next time it syncs, then can no longer sync.`
  };
}
