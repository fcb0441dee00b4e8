import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../src/lib/domain/conversation';
import type { Change } from '../../src/lib/domain/protocol';
import type { Store } from '../../src/lib/server/store';
import type { ChangeBatch } from '../../src/lib/server/store/store';

/** An organisation and one of its workers, whose tablets push conversations in store-level tests. */
export interface Recorder {
  organisationId: string;
  workerId: string;
}

export async function addRecorder(store: Store, networkId: string, organisation = 'Armley Community Centre', worker = 'Amina'): Promise<Recorder> {
  const existing = (await store.getReferenceData())?.organisations.find((o) => o.name === organisation);
  const organisationId = existing?.id ?? (await store.addOrganisation(networkId, organisation)).id;
  const added = await store.workers.addWorker(networkId, { organisationId, name: worker, pin: null });
  return { organisationId, workerId: added.id };
}

/**
 * A batch from one of the recorder's tablets: conversations become creates (recorded for the
 * recorder's organisation where they name none); changes are sent as they are.
 */
export function pushedBy(recorder: Recorder, networkId: string, items: (Conversation | Change)[], deviceId = uuidv7()): ChangeBatch {
  return {
    networkId,
    deviceId,
    organisationId: recorder.organisationId,
    changes: items.map((item): Change =>
      'op' in item
        ? item
        : { op: 'create', changeId: uuidv7(), workerId: recorder.workerId, conversation: { ...item, organisationId: item.organisationId ?? recorder.organisationId } }
    )
  };
}

/** An edit of a conversation by the recorder's worker. */
export const updateBy = (recorder: Recorder, conversationId: string, fields: Extract<Change, { op: 'update' }>['fields'], baseRevision = 1): Change => ({
  op: 'update',
  changeId: uuidv7(),
  workerId: recorder.workerId,
  conversationId,
  baseRevision,
  fields
});

export const deleteBy = (recorder: Recorder, conversationId: string): Change => ({ op: 'delete', changeId: uuidv7(), workerId: recorder.workerId, conversationId });
