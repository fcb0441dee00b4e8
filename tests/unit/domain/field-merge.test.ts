import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationFields } from '../../../src/lib/domain/conversation';
import { mergeUpdate, type FieldStamps } from '../../../src/lib/domain/field-merge';

type Fields = Pick<ConversationFields, 'peopleCount' | 'wardCode'>;
interface Replica {
  revision: number;
  values: Fields;
  stamps: FieldStamps;
}
interface Edit {
  changeId: string;
  deviceId: string;
  baseRevision: number;
  fields: Partial<Fields>;
}

const start = (): Replica => ({ revision: 1, values: { peopleCount: 1, wardCode: 'E05011385' }, stamps: {} });

function apply(server: Replica, edit: Edit): Replica {
  const merged = mergeUpdate({ ...server, values: server.values as ConversationFields }, edit);
  return { revision: merged.revision, values: { ...server.values, ...(merged.applied as Partial<Fields>) }, stamps: merged.stamps };
}

/** Change ids that sort in the order made, as UUIDv7s do. */
const changeId = (n: number) => `0190${String(n).padStart(8, '0')}-0000-7000-8000-000000000000`;

const fieldEdit = fc.oneof(
  fc.record({ peopleCount: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ wardCode: fc.constantFrom('E05011385', 'E05011397', 'E05011400') }),
  fc.record({ peopleCount: fc.integer({ min: 1, max: 50 }), wardCode: fc.constantFrom('E05011385', 'E05011397') })
);

describe('S5 field-level merge (property tests)', () => {
  it('concurrent edits from one base give the same result in every arrival order', () => {
    fc.assert(
      fc.property(fc.array(fieldEdit, { minLength: 2, maxLength: 6 }), fc.integer(), (fieldsOfEach, seed) => {
        const edits: Edit[] = fieldsOfEach.map((fields, i) => ({ changeId: changeId(i), deviceId: `device-${i}`, baseRevision: 1, fields }));
        const inOrder = edits.reduce(apply, start());
        const shuffled = fc.sample(fc.shuffledSubarray(edits, { minLength: edits.length }), { numRuns: 1, seed })[0];
        const otherOrder = shuffled.reduce(apply, start());
        expect(otherOrder.values).toEqual(inOrder.values);
        // The winner of each field is its latest edit.
        for (const field of ['peopleCount', 'wardCode'] as const) {
          const latest = edits.filter((e) => e.fields[field] !== undefined).at(-1);
          if (latest) expect(inOrder.values[field]).toEqual(latest.fields[field]);
        }
      })
    );
  });

  it('devices editing, pushing and pulling in any interleaving converge on the server’s state, deterministically', () => {
    const action = fc.record({ device: fc.integer({ min: 0, max: 2 }), kind: fc.constantFrom('edit', 'push', 'pull'), fields: fieldEdit });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (script) => {
        const run = () => {
          let server = start();
          let counter = 0;
          const devices = [0, 1, 2].map(() => ({ copy: start(), outbox: [] as Edit[] }));
          const pushAndPull = (d: (typeof devices)[number]) => {
            for (const edit of d.outbox) server = apply(server, edit);
            d.outbox = [];
            d.copy = structuredClone(server);
          };
          for (const step of script) {
            const d = devices[step.device];
            if (step.kind === 'edit') {
              const edit = { changeId: changeId(counter++), deviceId: `device-${step.device}`, baseRevision: d.copy.revision, fields: step.fields };
              d.outbox.push(edit);
              d.copy = { ...d.copy, values: { ...d.copy.values, ...step.fields } };
            } else if (step.kind === 'push') {
              for (const edit of d.outbox) server = apply(server, edit);
              d.outbox = [];
            } else if (d.outbox.length === 0) {
              d.copy = structuredClone(server);
            }
          }
          devices.forEach(pushAndPull);
          devices.forEach(pushAndPull); // a second round brings everyone past the last device's push
          return { server, devices: devices.map((d) => d.copy) };
        };
        const first = run();
        for (const device of first.devices) expect(device.values).toEqual(first.server.values);
        expect(run()).toEqual(first);
      })
    );
  });
});
