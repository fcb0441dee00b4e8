import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WardWithBoundary } from '../../../src/lib/domain/network-setup';
import {
  inParseTurn,
  MAX_PARSES_RUNNING,
  MAX_PARSES_WAITING,
  parseOffThread,
  parseTurns,
  ParsersBusyError
} from '../../../src/lib/server/off-thread/parse-pool';
import { WARD_FILES } from '../../support/shared-data';

const bytesOf = (path: string) => {
  const bytes = readFileSync(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

describe('parsing uploads off the event loop', () => {
  it('reads a boundary file in a worker while this thread keeps turning, and sends the wards back as JSON batches', async () => {
    await parseOffThread({ kind: 'ward-list', bytes: new TextEncoder().encode('{}').buffer as ArrayBuffer }); // modules loaded
    let turns = 0;
    const ticking = setInterval(() => turns++, 5);
    const parsed = await parseOffThread({ kind: 'boundary-import', bytes: bytesOf(WARD_FILES.england) });
    clearInterval(ticking);
    // England takes the worker hundreds of milliseconds to read and check (a timer every 5 ms);
    // parsed on this thread, it would hold it from start to end and no timer could fire meanwhile.
    expect(turns).toBeGreaterThan(20);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.wardCount).toBe(6826);
    const wards = parsed.batches.flatMap((batch) => JSON.parse(batch) as WardWithBoundary[]);
    expect(wards).toHaveLength(6826);
    expect(new Set(wards.map((w) => w.code)).size).toBe(6826);
  });

  it('answers a file it cannot read with the reason, as on the main thread', async () => {
    const parsed = await parseOffThread({ kind: 'ward-list', bytes: new TextEncoder().encode('not json').buffer as ArrayBuffer });
    expect(parsed).toEqual({ ok: false, message: 'The ward boundary file is not GeoJSON or TopoJSON: it is not valid JSON.' });
  });

  it(`runs ${MAX_PARSES_RUNNING} parse at a time, keeps ${MAX_PARSES_WAITING} waiting in order, and refuses more as busy`, async () => {
    const finishers: (() => void)[] = [];
    const order: number[] = [];
    let most = 0;
    const upload = (n: number) =>
      inParseTurn(async () => {
        most = Math.max(most, parseTurns().running);
        order.push(n);
        await new Promise<void>((done) => finishers.push(done));
        return n;
      });
    const accepted = [1, 2, 3, 4].map(upload);
    await expect(upload(5)).rejects.toBeInstanceOf(ParsersBusyError);
    expect(parseTurns()).toEqual({ running: 1, waiting: 3 });
    while (order.length < 4 || finishers.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      finishers.shift()?.();
    }
    expect(await Promise.all(accepted)).toEqual([1, 2, 3, 4]);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(most).toBe(1);
    expect(parseTurns()).toEqual({ running: 0, waiting: 0 });
    // A turn is given back when the work fails, too.
    await expect(inParseTurn(async () => Promise.reject(new Error('unreadable')))).rejects.toThrow('unreadable');
    expect(parseTurns()).toEqual({ running: 0, waiting: 0 });
  });
});
