import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, openStore } from '../../../src/lib/server/store';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import { makeConversation } from '../../support/conversations';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';
import { describeStoreContract } from './store-contract';

describeStoreContract('PGlite (in memory)', () => openStore({}));

describe('PGlite on disk', () => {
  const dirs: string[] = [];
  const tempDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchor-pglite-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps every conversation across a close and reopen', async () => {
    const dataDir = tempDataDir();
    const first = await openStore({ dataDir });
    const network = await first.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    const conversation = makeConversation({ wardCode: 'E05011385' });
    await first.storeConversations({ networkId: network.id, deviceId: network.id, userId: null, conversations: [conversation] });
    await first.close();

    const second = await openStore({ dataDir });
    expect(await second.getNetwork()).toEqual(network);
    expect(await second.conversationsByIds([conversation.id])).toEqual([conversation]);
    await second.close();
  });

  it('runs migrations once: a second run applies nothing', async () => {
    const db = await openPgliteDatabase(tempDataDir());
    expect((await migrate(db)).length).toBeGreaterThan(0);
    expect(await migrate(db)).toEqual([]);
    await db.close();
  });

  it('refuses to open a data directory another store holds, and leaves it working', async () => {
    const dataDir = tempDataDir();
    const holder = await openStore({ dataDir });
    await holder.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    await expect(openStore({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    expect((await holder.getReferenceData())?.wards).toHaveLength(33);
    await holder.close();
  });
});
