import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Store } from '../../../src/lib/server/store';
import { NetworkAlreadySetUpError, OrganisationNameTakenError, UnknownReferenceError } from '../../../src/lib/server/store';
import type { Conversation } from '../../../src/lib/domain/conversation';
import { answersOf, createOf, makeConversation, storedAs } from '../../support/conversations';
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

    /** The organisation and worker whose tablets record in these tests. */
    let recorder: { organisationId: string; workerId: string };

    async function setUpLeeds() {
      const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
      const organisation = await store.addOrganisation(network.id, 'Armley Community Centre');
      const worker = await store.workers.addWorker(network.id, { organisationId: organisation.id, name: 'Amina', pin: null });
      recorder = { organisationId: organisation.id, workerId: worker.id };
      const reference = (await store.getReferenceData())!;
      return { network, themes: reference.themes, wards: reference.wards };
    }

    /** A conversation recorded for the tablets' organisation. */
    const conversation = (fields: Partial<Conversation> & Pick<Conversation, 'wardCode'>) =>
      makeConversation({ organisationId: recorder.organisationId, ...fields });
    /** A tablet of the recorder's organisation. */
    const tablet = (networkId: string, deviceId = uuidv7()) => ({ networkId, deviceId, organisationId: recorder.organisationId });
    const batch = (networkId: string, conversations: Conversation[]) => ({
      ...tablet(networkId),
      changes: conversations.map((c) => createOf(c, recorder.workerId))
    });
    const workerScope = (networkId: string, deviceId = uuidv7()) => ({ ...tablet(networkId, deviceId), workerId: recorder.workerId });

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
      const said = conversation({
        wardCode: ARMLEY,
        answers: answersOf('  Spaces kept 😀, and עברית, and "quotes" \\ backslashes\n'),
        peopleCount: 3,
        equality: { ageBand: '25-34', ethnicity: 'prefer-not-to-say' },
        followUp: { wanted: true, contact: 'call 0113 496 0000 after 6pm' },
        quotes: [
          { text: 'We need jobs here', consentToQuote: true },
          { text: 'Not for sharing', consentToQuote: false }
        ],
        themeIds: [themes[0].id, themes[5].id]
      });
      const pushed = batch(network.id, [said, conversation({ wardCode: HEADINGLEY })]);
      await store.applyChanges(pushed);
      await store.applyChanges(pushed);
      await store.applyChanges(batch(network.id, [said]));
      expect(await store.countConversations(network.id)).toBe(2);
      const [stored] = await store.conversationsByIds([said.id]);
      expect(stored).toEqual(storedAs(said));
    });

    it('stores nothing of a batch naming a ward that is not the network’s, and says which', async () => {
      const { network } = await setUpLeeds();
      const good = conversation({ wardCode: ARMLEY });
      const bad = conversation({ wardCode: 'E05999999' });
      const error = await store.applyChanges(batch(network.id, [good, bad])).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownReferenceError);
      expect(error.message).toContain('E05999999');
      expect(await store.countConversations(network.id)).toBe(0);
    });

    it('stores nothing of a batch naming an unknown theme, and says which', async () => {
      const { network, themes } = await setUpLeeds();
      const unknownTheme = uuidv7();
      const conversations = [
        conversation({ wardCode: ARMLEY, themeIds: [themes[0].id] }),
        conversation({ wardCode: ARMLEY, themeIds: [unknownTheme] })
      ];
      const error = await store.applyChanges(batch(network.id, conversations)).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownReferenceError);
      expect(error.message).toContain(unknownTheme);
      expect(await store.countConversations(network.id)).toBe(0);
    });

    it('counts conversations per ward and theme, listing wards with none too', async () => {
      const { network, themes } = await setUpLeeds();
      const [work, , , , , health] = themes;
      await store.applyChanges(
        batch(network.id, [
          conversation({ wardCode: ARMLEY, themeIds: [work.id] }),
          conversation({ wardCode: ARMLEY, themeIds: [work.id, health.id] }),
          conversation({ wardCode: ARMLEY, themeIds: [] }),
          conversation({ wardCode: HEADINGLEY, themeIds: [health.id] })
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

    it('counts per ward and theme only the conversations of the days asked for, in UK days', async () => {
      const { network, themes } = await setUpLeeds();
      const [work] = themes;
      await store.applyChanges(
        batch(network.id, [
          // The edges of November: the last minutes of 31 October and the first of 1 December are not in it.
          conversation({ wardCode: ARMLEY, themeIds: [work.id], recordedAt: '2026-10-31T23:30:00.000Z' }),
          conversation({ wardCode: ARMLEY, themeIds: [work.id], recordedAt: '2026-11-01T00:30:00.000Z' }),
          conversation({ wardCode: ARMLEY, themeIds: [], recordedAt: '2026-11-30T23:59:00.000Z' }),
          conversation({ wardCode: HEADINGLEY, themeIds: [work.id], recordedAt: '2026-12-01T00:00:00.000Z' })
        ])
      );
      const november = await store.wardThemeCounts(network.id, { from: '2026-11-01', to: '2026-11-30' });
      expect(november.find((w) => w.code === ARMLEY)).toMatchObject({ conversations: 2, themeCounts: { [work.id]: 1 } });
      expect(november.find((w) => w.code === HEADINGLEY)).toMatchObject({ conversations: 0, themeCounts: {} });
      expect(november).toHaveLength(33);
      expect((await store.wardThemeCounts(network.id)).find((w) => w.code === ARMLEY)!.conversations).toBe(3);
    });

    it('starts a network with the two default prompts and the default privacy notice', async () => {
      await setUpLeeds();
      const reference = (await store.getReferenceData())!;
      expect(reference.prompts.map((p) => p.text)).toEqual(['What do you love about where you live?', 'What would you change?']);
      expect(reference.network.privacyNotice).toContain('We will only quote your words if you agree');
      expect(reference.events).toEqual([]);
    });

    it('keeps a coordinator’s prompts, events and privacy notice, and accepts conversations using archived ones', async () => {
      const { network } = await setUpLeeds();
      const [loves] = (await store.getReferenceData())!.prompts;
      const event = await store.addEvent(network.id, { name: 'Armley Tuesday drop-in', date: '2026-11-24', place: 'Armley Library' });
      const recordedThere = conversation({ wardCode: ARMLEY, eventId: event.id });
      await store.replacePrompts(network.id, [{ text: 'What would make your street better?' }, { id: loves.id, text: loves.text }]);
      await store.archiveEvent(network.id, event.id);
      await store.setPrivacyNotice(network.id, 'Our own notice.');

      const reference = (await store.getReferenceData())!;
      expect(reference.prompts.map((p) => p.text)).toEqual(['What would make your street better?', loves.text]);
      expect(reference.events).toEqual([]);
      expect(reference.network.privacyNotice).toBe('Our own notice.');
      // Recorded offline before the changes: the archived prompt and event are still the network's.
      await store.applyChanges(batch(network.id, [recordedThere]));
      expect(await store.conversationsByIds([recordedThere.id])).toEqual([storedAs(recordedThere)]);
    });

    it('refuses a conversation at an event that is not the network’s', async () => {
      const { network } = await setUpLeeds();
      const error = await store.applyChanges(batch(network.id, [conversation({ wardCode: ARMLEY, eventId: uuidv7() })])).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownReferenceError);
      expect(error.message).toContain('listening event');
    });

    it('keeps the network’s organisations, one per name, and stores which recorded a conversation, even once archived', async () => {
      const { network } = await setUpLeeds();
      const centre = (await store.getReferenceData())!.organisations[0];
      const church = await store.addOrganisation(network.id, 'St Bartholomew’s Church');
      await expect(store.addOrganisation(network.id, 'armley community centre')).rejects.toBeInstanceOf(OrganisationNameTakenError);
      expect((await store.getReferenceData())!.organisations).toEqual([centre, church]);

      const recorded = conversation({ wardCode: ARMLEY });
      await store.archiveOrganisation(network.id, centre.id);
      expect((await store.getReferenceData())!.organisations).toEqual([church]);
      // Recorded offline before it was archived: still the network's.
      await store.applyChanges(batch(network.id, [recorded]));
      expect(await store.conversationsByIds([recorded.id])).toEqual([storedAs(recorded)]);
      // A new one may take an archived organisation's name.
      await expect(store.addOrganisation(network.id, 'Armley Community Centre')).resolves.toMatchObject({ name: 'Armley Community Centre' });
    });

    it('refuses conversations a tablet may not send: for another organisation, by a worker not of its organisation, or changing someone else’s', async () => {
      const { network } = await setUpLeeds();
      const church = await store.addOrganisation(network.id, 'St Bartholomew’s Church');
      const churchWorker = await store.workers.addWorker(network.id, { organisationId: church.id, name: 'Chidi', pin: null });
      const mine = conversation({ wardCode: ARMLEY });
      await store.applyChanges(batch(network.id, [mine]));
      const attempts = [
        // Recorded for another organisation than the tablet's.
        { ...tablet(network.id), changes: [createOf(conversation({ wardCode: ARMLEY, organisationId: church.id }), recorder.workerId)] },
        // By a worker of another organisation.
        { ...tablet(network.id), changes: [createOf(conversation({ wardCode: ARMLEY }), churchWorker.id)] },
        // By a worker the network does not have.
        { ...tablet(network.id), changes: [createOf(conversation({ wardCode: ARMLEY }), uuidv7())] },
        // Someone else's conversation, changed and deleted by the church's tablet.
        {
          networkId: network.id,
          deviceId: uuidv7(),
          organisationId: church.id,
          changes: [{ op: 'update' as const, changeId: uuidv7(), workerId: churchWorker.id, conversationId: mine.id, baseRevision: 1, fields: { peopleCount: 9 } }]
        },
        {
          networkId: network.id,
          deviceId: uuidv7(),
          organisationId: church.id,
          changes: [{ op: 'delete' as const, changeId: uuidv7(), workerId: churchWorker.id, conversationId: mine.id }]
        }
      ];
      for (const attempt of attempts) {
        const error = await store.applyChanges(attempt).catch((e) => e);
        expect(error).toBeInstanceOf(UnknownReferenceError);
        expect(error.rejected.map((r: { changeId: string }) => r.changeId)).toEqual([attempt.changes[0].changeId]);
      }
      expect(await store.countConversations(network.id)).toBe(1);
      expect(await store.conversationsByIds([mine.id])).toEqual([storedAs(mine)]);
    });

    it('a worker pulls only what they recorded, without contact details or equality answers, and sees their history so', async () => {
      const { network } = await setUpLeeds();
      const ben = await store.workers.addWorker(network.id, { organisationId: recorder.organisationId, name: 'Ben', pin: null });
      const aminas = conversation({
        wardCode: ARMLEY,
        followUp: { wanted: true, contact: 'call 0113 496 0000' },
        equality: { ageBand: '25-34', disability: 'no' }
      });
      const bens = conversation({ wardCode: ARMLEY });
      await store.applyChanges(batch(network.id, [aminas]));
      await store.applyChanges({ ...tablet(network.id), changes: [createOf(bens, ben.id)] });
      const edits = [1, 2].map((n) => ({
        op: 'update' as const,
        changeId: uuidv7(),
        workerId: recorder.workerId,
        conversationId: aminas.id,
        baseRevision: 1,
        fields: { followUp: { wanted: true as const, contact: `contact ${n}` } }
      }));
      for (const edit of edits) await store.applyChanges({ ...tablet(network.id), changes: [edit] });

      const pulled = await store.pull(workerScope(network.id), '0', 100);
      expect(pulled.conversations.map((c) => c.id)).toEqual([aminas.id]);
      expect(pulled.conversations[0].conversation).toMatchObject({ followUp: { wanted: true, withheld: true }, equality: { withheld: true } });
      for (const secret of ['0113 496 0000', 'contact 1', 'contact 2', 'ageBand', 'disability']) expect(JSON.stringify(pulled)).not.toContain(secret);
      const history = await store.conversationHistory(workerScope(network.id), aminas.id);
      expect(history).toHaveLength(1);
      expect(history[0].lostValue).toEqual({ wanted: true, withheld: true });
      // Ben sees none of Amina's, not even her conversation's history.
      const forBen = { ...tablet(network.id), workerId: ben.id };
      expect((await store.pull(forBen, '0', 100)).conversations.map((c) => c.id)).toEqual([bens.id]);
      expect(await store.conversationHistory(forBen, aminas.id)).toEqual([]);
    });

    it('refuses a conversation naming an organisation that is not the network’s', async () => {
      const { network } = await setUpLeeds();
      const error = await store.applyChanges(batch(network.id, [conversation({ wardCode: ARMLEY, organisationId: uuidv7() })])).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownReferenceError);
      expect(error.message).toContain('organisation');
    });

    it('applies an update to the fields it names only, once however often it is pushed', async () => {
      const { network, themes } = await setUpLeeds();
      const original = conversation({ wardCode: ARMLEY, themeIds: [themes[0].id] });
      await store.applyChanges(batch(network.id, [original]));
      const first = { op: 'update' as const, changeId: uuidv7(), workerId: recorder.workerId, conversationId: original.id, baseRevision: 1, fields: { themeIds: [themes[1].id], peopleCount: 4 } };
      const second = { op: 'update' as const, changeId: uuidv7(), workerId: recorder.workerId, conversationId: original.id, baseRevision: 1, fields: { peopleCount: 2, followUp: { wanted: true as const, contact: 'email a@b.org' } } };
      const device = tablet(network.id);
      await store.applyChanges({ ...device, changes: [first, second] });
      await store.applyChanges({ ...device, changes: [first] }); // a late duplicate changes nothing
      const [stored] = await store.conversationsByIds([original.id]);
      expect(stored).toEqual({ ...storedAs(original), themeIds: [themes[1].id], peopleCount: 2, followUp: { wanted: true, contact: 'email a@b.org' } });
    });

    it('deletes a conversation for good: gone from counts, and a later edit does not revive it', async () => {
      const { network } = await setUpLeeds();
      const gone = conversation({ wardCode: ARMLEY, followUp: { wanted: true, contact: '07700 900000' } });
      const kept = conversation({ wardCode: ARMLEY });
      await store.applyChanges(batch(network.id, [gone, kept]));
      const device = tablet(network.id);
      await store.applyChanges({ ...device, changes: [{ op: 'delete', changeId: uuidv7(), workerId: recorder.workerId, conversationId: gone.id }] });
      await store.applyChanges({ ...device, changes: [{ op: 'update', changeId: uuidv7(), workerId: recorder.workerId, conversationId: gone.id, baseRevision: 1, fields: { answers: answersOf('stale edit') } }] });
      expect(await store.conversationsByIds([gone.id, kept.id])).toEqual([storedAs(kept)]);
      expect(await store.countConversations(network.id)).toBe(1);
      expect((await store.wardThemeCounts(network.id)).find((w) => w.code === ARMLEY)?.conversations).toBe(1);
    });

    it('refuses an update of a conversation it does not have, applying nothing of the batch', async () => {
      const { network } = await setUpLeeds();
      const fresh = conversation({ wardCode: ARMLEY });
      const error = await store
        .applyChanges({
          ...tablet(network.id),
          changes: [createOf(fresh, recorder.workerId), { op: 'update', changeId: uuidv7(), workerId: recorder.workerId, conversationId: uuidv7(), baseRevision: 1, fields: { peopleCount: 2 } }]
        })
        .catch((e) => e);
      expect(error).toBeInstanceOf(UnknownReferenceError);
      expect(await store.countConversations(network.id)).toBe(0);
    });

    it('S4 pull pages through every change in order, resumable from any cursor, deletions as tombstones', async () => {
      const { network } = await setUpLeeds();
      const conversations = Array.from({ length: 5 }, () => conversation({ wardCode: ARMLEY }));
      await store.applyChanges(batch(network.id, conversations));
      const device = tablet(network.id);
      await store.applyChanges({ ...device, changes: [{ op: 'update', changeId: uuidv7(), workerId: recorder.workerId, conversationId: conversations[0].id, baseRevision: 1, fields: { peopleCount: 3 } }] });
      await store.applyChanges({ ...device, changes: [{ op: 'delete', changeId: uuidv7(), workerId: recorder.workerId, conversationId: conversations[1].id }] });

      const first = await store.pull(workerScope(network.id), '0', 2);
      expect(first.more).toBe(true);
      expect(first.conversations.map((c) => c.id)).toEqual([conversations[2].id, conversations[3].id]);
      const rest = await store.pull(workerScope(network.id), first.cursor, 10);
      expect(rest.more).toBe(false);
      expect(rest.conversations.map((c) => c.id)).toEqual([conversations[4].id, conversations[0].id, conversations[1].id]);
      expect(rest.conversations[1]).toMatchObject({ revision: 2, deleted: false, conversation: { peopleCount: 3 } });
      expect(rest.conversations[2]).toEqual({ id: conversations[1].id, revision: 2, deleted: true, conversation: null });
      expect(await store.pull(workerScope(network.id), rest.cursor, 10)).toEqual({ conversations: [], cursor: rest.cursor, more: false });
    });

    it('S5 edits of different fields from two devices both survive', async () => {
      const { network, themes } = await setUpLeeds();
      const original = conversation({ wardCode: ARMLEY });
      await store.applyChanges(batch(network.id, [original]));
      const update = (fields: object) => ({ op: 'update' as const, changeId: uuidv7(), workerId: recorder.workerId, conversationId: original.id, baseRevision: 1, fields });
      await store.applyChanges({ ...tablet(network.id), changes: [update({ peopleCount: 5 })] });
      await store.applyChanges({ ...tablet(network.id), changes: [update({ themeIds: [themes[2].id] })] });
      expect((await store.conversationsByIds([original.id]))[0]).toMatchObject({ peopleCount: 5, themeIds: [themes[2].id] });
      expect(await store.conversationHistory(workerScope(network.id), original.id)).toEqual([]);
    });

    it('S5 two edits of one field: the later edit wins whichever arrives first, and the other is kept in history', async () => {
      const { network } = await setUpLeeds();
      for (const laterArrivesFirst of [false, true]) {
        const original = conversation({ wardCode: ARMLEY });
        await store.applyChanges(batch(network.id, [original]));
        const earlier = { op: 'update' as const, changeId: uuidv7(), workerId: recorder.workerId, conversationId: original.id, baseRevision: 1, fields: { answers: answersOf('Edited on tablet A') } };
        const later = { op: 'update' as const, changeId: uuidv7(), workerId: recorder.workerId, conversationId: original.id, baseRevision: 1, fields: { answers: answersOf('Edited on tablet B') } };
        const order = laterArrivesFirst ? [later, earlier] : [earlier, later];
        for (const change of order) await store.applyChanges({ ...tablet(network.id), changes: [change] });
        expect((await store.conversationsByIds([original.id]))[0].answers[0].text).toBe('Edited on tablet B');
        const history = await store.conversationHistory(workerScope(network.id), original.id);
        expect(history).toHaveLength(1);
        expect(history[0]).toMatchObject({ field: 'answers', lostChangeId: earlier.changeId, wonChangeId: later.changeId });
        expect((history[0].lostValue as { text: string }[])[0].text).toBe('Edited on tablet A');
      }
    });

    it('S5 a device’s own edits follow one another without conflict', async () => {
      const { network } = await setUpLeeds();
      const original = conversation({ wardCode: ARMLEY });
      const device = tablet(network.id);
      const edit = (people: number) => ({ op: 'update' as const, changeId: uuidv7(), workerId: recorder.workerId, conversationId: original.id, baseRevision: 1, fields: { peopleCount: people } });
      await store.applyChanges({ ...device, changes: [createOf(original, recorder.workerId), edit(2), edit(3)] });
      expect((await store.conversationsByIds([original.id]))[0].peopleCount).toBe(3);
      expect(await store.conversationHistory(workerScope(network.id), original.id)).toEqual([]);
    });

    it('S4 pull leaves out what the asking device created and nobody changed, moving its cursor past them', async () => {
      const { network } = await setUpLeeds();
      const creator = uuidv7();
      const mine = conversation({ wardCode: ARMLEY });
      const edited = conversation({ wardCode: ARMLEY });
      await store.applyChanges({ ...tablet(network.id, creator), changes: [createOf(mine, recorder.workerId), createOf(edited, recorder.workerId)] });
      await store.applyChanges({ ...tablet(network.id), changes: [{ op: 'update', changeId: uuidv7(), workerId: recorder.workerId, conversationId: edited.id, baseRevision: 1, fields: { peopleCount: 2 } }] });
      const forCreator = await store.pull(workerScope(network.id, creator), '0', 10);
      expect(forCreator.conversations.map((c) => c.id)).toEqual([edited.id]);
      const forOthers = await store.pull(workerScope(network.id), '0', 10);
      expect(forOthers.conversations.map((c) => c.id)).toEqual([mine.id, edited.id]);
      expect(forCreator.cursor).toBe(forOthers.cursor);
    });

    it('imports a new boundary set all at once, counting added, changed and left wards, keeping left ones for their conversations', async () => {
      const { network } = await setUpLeeds();
      const leeds = networkSetupFromFile(WARD_FILES.leeds).wards;
      expect(await store.importBoundaries(network.id, leeds, '2025')).toEqual({ added: 0, changed: 0, left: 0, unchanged: 33 });

      const recordedInArmley = conversation({ wardCode: ARMLEY });
      await store.applyChanges(batch(network.id, [recordedInArmley]));
      const redrawn = leeds.filter((w) => w.code !== ARMLEY && w.code !== HEADINGLEY).map((w, i) => (i === 0 ? { ...w, name: `${w.name} (redrawn)` } : w));
      expect(await store.importBoundaries(network.id, redrawn, '2026')).toEqual({ added: 0, changed: 1, left: 2, unchanged: 30 });
      const reference = (await store.getReferenceData())!;
      expect(reference.wards).toHaveLength(31);
      expect(reference.wards.some((w) => w.code === ARMLEY)).toBe(false);
      expect((await store.wardThemeCounts(network.id)).map((w) => w.code)).not.toContain(ARMLEY);
      // Recorded under the old boundaries: kept, and a device offline since can still send one.
      expect(await store.conversationsByIds([recordedInArmley.id])).toHaveLength(1);
      const late = conversation({ wardCode: ARMLEY });
      await store.applyChanges(batch(network.id, [late]));
      expect(await store.conversationsByIds([late.id])).toHaveLength(1);

      const derby = networkSetupFromFile(WARD_FILES.derby).wards;
      expect(await store.importBoundaries(network.id, derby, '2025')).toEqual({ added: 176, changed: 0, left: 31, unchanged: 0 });
      expect((await store.getReferenceData())!.wards).toHaveLength(176);
      expect(await store.importBoundaries(network.id, leeds, '2025')).toMatchObject({ added: 0, changed: 33, left: 176 });
    });
  });
}
