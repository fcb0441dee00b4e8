import { WorkerName, type DeviceRoster } from '$lib/domain/device';
import { Id } from '$lib/domain/id';
import type { Checked } from '$lib/domain/field-error';
import { hashPin, Pin } from '$lib/domain/worker-pin';
import { WorkerNameTakenError, type Store } from '../store';
import { audit } from './audit';
import type { DeviceCaller, PersonCaller } from './guard';
import { managedOrganisation, organisationScope } from './managed-organisation';

const isWorkerId = (id: string) => Id.safeParse(id).success;

/** Adds a worker to an organisation, with a PIN when the lead sets one now (else the worker chooses it on a tablet). */
export async function addWorker(
  store: Store,
  caller: PersonCaller,
  input: { organisationId: string; name: string; pin: string }
): Promise<Checked<string>> {
  const organisation = await managedOrganisation(store, caller, input.organisationId);
  const name = WorkerName.safeParse(input.name);
  const pin = input.pin === '' ? null : Pin.safeParse(input.pin);
  const errors = [
    ...(organisation ? [] : [{ field: 'worker-organisation', message: 'Choose the worker’s organisation' }]),
    ...(name.success ? [] : [{ field: 'worker-name', message: name.error.issues[0].message }]),
    ...(pin && !pin.success ? [{ field: 'worker-pin', message: 'A PIN is 4 to 6 digits, or leave it empty for the worker to choose' }] : [])
  ];
  if (!organisation || !name.success || (pin && !pin.success)) return { ok: false, errors };
  try {
    const worker = await store.workers.addWorker(caller.network.id, {
      organisationId: organisation.id,
      name: name.data,
      pin: pin ? await hashPin(pin.data!) : null
    });
    await audit(store, caller, 'worker-added', worker.name, { organisation: organisation.name, pinSet: !!pin });
    return { ok: true, value: `${worker.name} added to ${organisation.name}.` };
  } catch (error) {
    if (!(error instanceof WorkerNameTakenError)) throw error;
    return { ok: false, errors: [{ field: 'worker-name', message: `${error.message} Add something to tell them apart, such as a surname.` }] };
  }
}

/** A lead or coordinator sets (or resets) a worker's PIN. */
export async function setWorkerPin(store: Store, caller: PersonCaller, workerId: string, typedPin: string): Promise<Checked<string>> {
  const pin = Pin.safeParse(typedPin);
  if (!isWorkerId(workerId)) return { ok: false, errors: [{ field: 'workers', message: 'That worker is not one you manage' }] };
  if (!pin.success) return { ok: false, errors: [{ field: `pin-${workerId}`, message: 'A PIN is 4 to 6 digits' }] };
  const worker = await store.workers.setWorkerPin(caller.network.id, workerId, await hashPin(pin.data), {
    organisationId: organisationScope(caller),
    onlyIfUnset: false
  });
  if (!worker) return { ok: false, errors: [{ field: `pin-${workerId}`, message: 'That worker is not one you manage' }] };
  await audit(store, caller, 'worker-pin-set', worker.name);
  return { ok: true, value: `PIN set for ${worker.name}. Their tablets learn it the next time they sync.` };
}

export async function removeWorker(store: Store, caller: PersonCaller, workerId: string): Promise<string> {
  if (!isWorkerId(workerId)) return 'That worker was already removed.';
  const worker = await store.workers.removeWorker(caller.network.id, workerId, organisationScope(caller));
  if (!worker) return 'That worker was already removed.';
  await audit(store, caller, 'worker-removed', worker.name);
  return `${worker.name} removed. Their tablets drop them (and what they recorded) the next time they sync.`;
}

/**
 * What a tablet learns about itself each time it is online: its organisation, lock time, workers
 * and reference-code blocks (with `moreCodes`, one further block: it has used most of its codes).
 */
export async function deviceRoster(store: Store, caller: DeviceCaller, options: { moreCodes: boolean } = { moreCodes: false }): Promise<DeviceRoster> {
  const { device, network } = caller;
  return {
    device: { id: device.id, label: device.label, status: device.status, organisation: { id: device.organisationId, name: device.organisationName } },
    idleLockMinutes: network.idleLockMinutes,
    workers: await store.workers.roster(device.organisationId),
    // A retired or lost tablet records nothing more: it is given no new block.
    codeBlocks: await store.referenceCodes.deviceCodeBlocks(network.id, device.id, { more: options.moreCodes && device.status === 'active' })
  };
}

/** A worker chooses their first PIN on a tablet that is online; a PIN already set stays. */
export async function chooseFirstPin(store: Store, caller: DeviceCaller, workerId: string, typedPin: unknown): Promise<Checked<DeviceRoster>> {
  const pin = Pin.safeParse(typedPin);
  if (!pin.success) return { ok: false, errors: [{ field: 'pin', message: 'A PIN is 4 to 6 digits' }] };
  if (!isWorkerId(workerId)) return { ok: false, errors: [{ field: 'pin', message: 'This worker is no longer listed. Ask your lead.' }] };
  const worker = await store.workers.setWorkerPin(caller.network.id, workerId, await hashPin(pin.data), {
    organisationId: caller.device.organisationId,
    onlyIfUnset: true
  });
  if (!worker) return { ok: false, errors: [{ field: 'pin', message: 'This worker already has a PIN, or is no longer listed. Ask your lead.' }] };
  await audit(store, caller, 'worker-pin-set', worker.name, { chosenOnTablet: true });
  return { ok: true, value: await deviceRoster(store, caller) };
}
