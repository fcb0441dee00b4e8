import type { ConversationFields } from './conversation';

/** Which change (from which device) last set a field, and at which revision of the conversation. */
export interface FieldStamp {
  changeId: string;
  deviceId: string;
  revision: number;
}

export type FieldName = keyof ConversationFields;
export type FieldStamps = Partial<Record<FieldName, FieldStamp>>;

/** A field value that lost to a concurrent edit of the same field: kept in the conversation's history. */
export interface LostValue {
  field: FieldName;
  value: unknown;
  lostChangeId: string;
  wonChangeId: string;
}

export interface MergeOutcome {
  /** The fields to write, with their winning values. */
  applied: Partial<ConversationFields>;
  revision: number;
  stamps: FieldStamps;
  lost: LostValue[];
}

/** A field nobody has edited since the conversation was created (at revision 1). */
const CREATED: FieldStamp = { changeId: '', deviceId: '', revision: 1 };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Field-level merge of an update into a conversation (SYNC-SPEC S5). An edit of a field nobody
 * else changed since the device's base revision simply applies, so edits of different fields from
 * two devices both survive, and a device's own edits follow each other. Two concurrent edits of
 * one field (from devices that had not seen each other's) have a deterministic winner, the later
 * change id (UUIDv7, so the later edit), whichever arrives first; the losing value is returned to
 * be kept in the history.
 */
export function mergeUpdate(
  current: { revision: number; values: ConversationFields; stamps: FieldStamps },
  update: { changeId: string; deviceId: string; baseRevision: number; fields: Partial<ConversationFields> }
): MergeOutcome {
  const revision = current.revision + 1;
  const applied: Record<string, unknown> = {};
  const stamps: FieldStamps = { ...current.stamps };
  const lost: LostValue[] = [];
  for (const [name, value] of Object.entries(update.fields) as [FieldName, unknown][]) {
    if (value === undefined) continue;
    const stamp = current.stamps[name] ?? CREATED;
    const concurrent = stamp.revision > update.baseRevision && stamp.deviceId !== update.deviceId;
    const differs = !same(current.values[name], value);
    if (concurrent && update.changeId < stamp.changeId) {
      if (differs) lost.push({ field: name, value, lostChangeId: update.changeId, wonChangeId: stamp.changeId });
      continue;
    }
    if (concurrent && differs) {
      lost.push({ field: name, value: current.values[name], lostChangeId: stamp.changeId, wonChangeId: update.changeId });
    }
    applied[name] = value;
    stamps[name] = { changeId: update.changeId, deviceId: update.deviceId, revision };
  }
  const changed = Object.keys(applied).length > 0;
  return { applied: applied as Partial<ConversationFields>, revision: changed ? revision : current.revision, stamps: changed ? stamps : current.stamps, lost };
}
