/**
 * The network every benchmark runs on, made as the tests make theirs (`seedNetwork`): people with
 * live sessions, Armley's workers Amina (PIN 2468) and Ben, an enrolled tablet and fresh enrolment
 * codes. Seeded before the server starts: PGlite allows one process per data directory.
 */
import { openStore } from '../src/lib/server/store';
import type { AppServer } from '../tests/support/app-server';
import { seedNetwork, type SeededNetwork, type SeedOptions } from '../tests/support/seed-network';
import type { ConversationRefs } from './generate-conversations';

export interface BenchNetwork {
  seeded: SeededNetwork;
  /** The network's wards and themes, and Armley's organisation, for generated conversations. */
  refs: Required<ConversationRefs>;
}

export async function seedBeforeStart(server: AppServer, options: SeedOptions = {}): Promise<BenchNetwork> {
  const store = await openStore(server.storeConfig);
  try {
    const seeded = await seedNetwork(store, options);
    const { wards, themes } = (await store.getReferenceData())!;
    return {
      seeded,
      refs: { wardCodes: wards.map((w) => w.code), themeIds: themes.map((t) => t.id), organisationId: seeded.organisations.armley.id }
    };
  } finally {
    await store.close();
  }
}
