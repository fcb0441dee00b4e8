import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Store } from '../../../src/lib/server/store';
import { NetworkAlreadySetUpError, UnknownReferenceError } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';

/**
 * The behaviour every Store must have. Run against embedded PGlite (store.test.ts) and a real
 * PostgreSQL server (store.pg.test.ts).
 */
export function describeStoreContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`store contract on ${kind}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openEmptyStore();
      return () => store.close();
    });

    async function setUpLeeds() {
      const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
      const reference = (await store.getReferenceData())!;
      return { network, themes: reference.themes, wards: reference.wards };
    }

    const batch = (networkId: string, conversations: ReturnType<typeof makeConversation>[]) => ({
      networkId,
      deviceId: uuidv7(),
      userId: null,
      conversations
    });

    it('has no network before set-up', async () => {
      expect(await store.getNetwork()).toBeNull();
      expect(await store.getReferenceData()).toBeNull();
    });

    it('sets up a network with its themes in order and all 33 Leeds wards', async () => {
      const { network, themes, wards } = await setUpLeeds();
      expect(network.name).toBe('Leeds Anchor Network');
      expect(themes.map((t) => t.name)).toEqual([
        'Widening Access to Quality Work',
        'Purchasing & Commissioning for Social Value',
        'Expanding Access to Anchor Resources',
        'Reducing Environmental Impact',
        'Closer Working Between Local Partners',
        'Tackling Health Inequalities'
      ]);
      expect(wards).toHaveLength(33);
      expect(wards.find((w) => w.code === ARMLEY)).toEqual({
        code: ARMLEY,
        name: 'Armley',
        localAuthorityCode: 'E08000035',
        localAuthorityName: 'Leeds'
      });
    });

    it('refuses a second set-up and changes nothing', async () => {
      const { network } = await setUpLeeds();
      await expect(store.setUpNetwork(networkSetupFromFile(WARD_FILES.derby, 'Other'))).rejects.toBeInstanceOf(
        NetworkAlreadySetUpError
      );
      const after = (await store.getReferenceData())!;
      expect(after.network).toEqual(network);
      expect(after.wards).toHaveLength(33);
    });

    it('stores conversations exactly as given, once however often they are pushed', async () => {
      const { network, themes } = await setUpLeeds();
      const said = makeConversation({
        wardCode: ARMLEY,
        loves: '  Spaces kept 😀, and עברית, and "quotes" \\ backslashes\n',
        quotes: [
          { text: 'We need jobs here', consentToQuote: true },
          { text: 'Not for sharing', consentToQuote: false }
        ],
        themeIds: [themes[0].id, themes[5].id]
      });
      const pushed = batch(network.id, [said, makeConversation({ wardCode: HEADINGLEY })]);
      await store.storeConversations(pushed);
      await store.storeConversations(pushed);
      await store.storeConversations(batch(network.id, [said]));
      expect(await store.countConversations(network.id)).toBe(2);
      const [stored] = await store.conversationsByIds([said.id]);
      expect(stored).toEqual(said);
    });

    it('stores nothing of a batch naming a ward that is not the network’s, and says which', async () => {
      const { network } = await setUpLeeds();
      const good = makeConversation({ wardCode: ARMLEY });
      const bad = makeConversation({ wardCode: 'E05999999' });
      const error = await store.storeConversations(batch(network.id, [good, bad])).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownReferenceError);
      expect(error.message).toContain('E05999999');
      expect(await store.countConversations(network.id)).toBe(0);
    });

    it('stores nothing of a batch naming an unknown theme, and says which', async () => {
      const { network, themes } = await setUpLeeds();
      const unknownTheme = uuidv7();
      const conversations = [
        makeConversation({ wardCode: ARMLEY, themeIds: [themes[0].id] }),
        makeConversation({ wardCode: ARMLEY, themeIds: [unknownTheme] })
      ];
      const error = await store.storeConversations(batch(network.id, conversations)).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownReferenceError);
      expect(error.message).toContain(unknownTheme);
      expect(await store.countConversations(network.id)).toBe(0);
    });

    it('counts conversations per ward and theme, listing wards with none too', async () => {
      const { network, themes } = await setUpLeeds();
      const [work, , , , , health] = themes;
      await store.storeConversations(
        batch(network.id, [
          makeConversation({ wardCode: ARMLEY, themeIds: [work.id] }),
          makeConversation({ wardCode: ARMLEY, themeIds: [work.id, health.id] }),
          makeConversation({ wardCode: ARMLEY, themeIds: [] }),
          makeConversation({ wardCode: HEADINGLEY, themeIds: [health.id] })
        ])
      );
      const counts = await store.wardThemeCounts(network.id);
      expect(counts).toHaveLength(33);
      const armley = counts.find((w) => w.code === ARMLEY)!;
      expect(armley.conversations).toBe(3);
      expect(armley.themeCounts).toEqual({ [work.id]: 2, [health.id]: 1 });
      expect(counts.find((w) => w.code === HEADINGLEY)!.themeCounts).toEqual({ [health.id]: 1 });
      const quiet = counts.filter((w) => w.code !== ARMLEY && w.code !== HEADINGLEY);
      expect(quiet.every((w) => w.conversations === 0 && Object.keys(w.themeCounts).length === 0)).toBe(true);
    });
  });
}
