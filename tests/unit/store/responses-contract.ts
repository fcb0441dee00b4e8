import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { ResponseFields } from '../../../src/lib/domain/response';
import { notYetAnswered } from '../../../src/lib/server/not-yet-answered';
import type { Store } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { addRecorder, deleteBy, pushedBy, type Recorder } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const HEADINGLEY_NAME = 'Headingley & Hyde Park';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * "You said, we did" responses (issue 15, migration 020) on embedded PGlite (responses.test.ts)
 * and PostgreSQL (responses.pg.test.ts).
 */
export function describeResponsesContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`responses on ${kind}`, () => {
    let store: Store;
    let networkId: string;
    let recorder: Recorder;
    let work: string;
    let green: string;
    const author = { id: uuidv7(), name: 'Sam Staff' };
    const fields = (overrides: Partial<ResponseFields> = {}): ResponseFields => ({
      organisationId: recorder.organisationId,
      themeId: work,
      wholeNetwork: false,
      wardCodes: [ARMLEY],
      action: 'Run a jobs fair at Armley library',
      dueBy: '2027-03-31',
      status: 'planned',
      visibility: 'public',
      quotes: [],
      ...overrides
    });
    beforeEach(async () => {
      store = await openEmptyStore();
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      const themes = (await store.getReferenceData())!.themes;
      work = themes[0].id;
      green = themes[3].id;
      recorder = await addRecorder(store, networkId);
      await store.applyChanges(
        pushedBy(recorder, networkId, [
          makeConversation({ wardCode: ARMLEY, themeIds: [work], quotes: [{ text: 'No jobs near here', consentToQuote: true }, { text: 'Private words', consentToQuote: false }] }),
          makeConversation({ wardCode: ARMLEY, themeIds: [] })
        ])
      );
      return () => store.close();
    });

    it('keeps a response with its wards, evidence figures and cited quotes, and lists it by ward, theme and visibility', async () => {
      const made = await store.responses.createResponse(networkId, fields({ quotes: [{ wardCode: ARMLEY, digest: md5('No jobs near here') }] }), author);
      expect(made.ok).toBe(true);
      const id = made.ok ? made.id : '';
      const response = (await store.responses.getResponse(networkId, id))!;
      expect(response).toMatchObject({
        organisationName: 'Armley Community Centre',
        themeId: work,
        wards: [{ code: ARMLEY, name: 'Armley' }],
        status: 'planned',
        visibility: 'public',
        dueBy: '2027-03-31',
        evidence: [{ wardCode: ARMLEY, wardName: 'Armley', conversations: 2, withTheme: 1 }],
        quotes: [{ wardCode: ARMLEY, digest: md5('No jobs near here'), text: 'No jobs near here' }],
        notes: []
      });
      expect(await store.responses.listResponses(networkId, { wardCode: ARMLEY, themeId: work })).toHaveLength(1);
      expect(await store.responses.listResponses(networkId, { wardCode: HEADINGLEY })).toHaveLength(0);
      expect(await store.responses.listResponses(networkId, { themeId: green })).toHaveLength(0);
      expect(await store.responses.answeredWardThemes(networkId)).toEqual([{ themeId: work, wholeNetwork: false, wardCodes: [ARMLEY] }]);

      // Kept within the network: never among the public ones.
      const kept = await store.responses.createResponse(networkId, fields({ visibility: 'network', action: 'Talk to the council' }), author);
      expect(kept.ok).toBe(true);
      expect((await store.responses.listResponses(networkId, { wardCode: ARMLEY, publicOnly: true })).map((r) => r.action)).toEqual(['Run a jobs fair at Armley library']);
      expect(await store.responses.listResponses(networkId, { wardCode: ARMLEY })).toHaveLength(2);
    });

    it('counts a whole-network response for every ward, with the network’s figures as evidence', async () => {
      const made = await store.responses.createResponse(networkId, fields({ wholeNetwork: true, wardCodes: [] }), author);
      expect(made.ok).toBe(true);
      expect(await store.responses.listResponses(networkId, { wardCode: HEADINGLEY })).toHaveLength(1);
      const [response] = await store.responses.listResponses(networkId);
      expect(response.evidence).toEqual([{ wardCode: null, wardName: 'All wards', conversations: 2, withTheme: 1 }]);
      expect(response.wards).toEqual([]);
    });

    it('refuses, writing nothing, what is not the network’s: organisation, theme, ward or a quote without consent', async () => {
      const refused = [
        await store.responses.createResponse(networkId, fields({ organisationId: uuidv7() }), author),
        await store.responses.createResponse(networkId, fields({ themeId: uuidv7() }), author),
        await store.responses.createResponse(networkId, fields({ wardCodes: ['E05999999'] }), author),
        await store.responses.createResponse(networkId, fields({ quotes: [{ wardCode: ARMLEY, digest: md5('Private words') }] }), author),
        await store.responses.createResponse(networkId, fields({ quotes: [{ wardCode: HEADINGLEY, digest: md5('No jobs near here') }] }), author)
      ];
      expect(refused).toEqual([
        { ok: false, reason: 'unknown-organisation' },
        { ok: false, reason: 'unknown-theme' },
        { ok: false, reason: 'unknown-ward' },
        { ok: false, reason: 'unknown-quote' },
        { ok: false, reason: 'unknown-quote' }
      ]);
      expect(await store.responses.listResponses(networkId)).toEqual([]);
      expect(await store.responses.updateResponse(networkId, uuidv7(), fields())).toEqual({ ok: false, reason: 'not-found' });
      expect(await store.responses.addResponseNote(networkId, uuidv7(), { status: 'done', note: 'Done' }, author)).toBe(false);
    });

    it('edits a response and records dated notes that set its status; a cited quote whose conversation is erased is no longer shown', async () => {
      const conversation = makeConversation({ wardCode: HEADINGLEY, themeIds: [work], quotes: [{ text: 'Buses to work', consentToQuote: true }] });
      await store.applyChanges(pushedBy(recorder, networkId, [conversation]));
      const made = await store.responses.createResponse(networkId, fields({ quotes: [{ wardCode: HEADINGLEY, digest: md5('Buses to work') }], wardCodes: [ARMLEY, HEADINGLEY] }), author);
      const id = made.ok ? made.id : '';
      expect((await store.responses.getResponse(networkId, id))!.quotes).toHaveLength(1);

      expect(await store.responses.updateResponse(networkId, id, fields({ action: 'Two jobs fairs', visibility: 'network' }))).toEqual({ ok: true, id });
      expect(await store.responses.addResponseNote(networkId, id, { status: 'under-way', note: 'First fair booked' }, author)).toBe(true);
      expect(await store.responses.addResponseNote(networkId, id, { status: 'not-possible', reason: 'The library closed', note: 'Looking for another hall' }, author)).toBe(true);
      const response = (await store.responses.getResponse(networkId, id))!;
      expect(response).toMatchObject({ action: 'Two jobs fairs', visibility: 'network', status: 'not-possible', reason: 'The library closed', wards: [{ code: ARMLEY }] });
      expect(response.evidence).toEqual([{ wardCode: ARMLEY, wardName: 'Armley', conversations: 2, withTheme: 1 }]);
      expect(response.notes.map((n) => [n.status, n.note, n.writtenBy])).toEqual([
        ['under-way', 'First fair booked', 'Sam Staff'],
        ['not-possible', 'Looking for another hall', 'Sam Staff']
      ]);
      expect(await store.responses.responseOrganisation(networkId, id)).toBe(recorder.organisationId);

      const cited = await store.responses.createResponse(networkId, fields({ wardCodes: [HEADINGLEY], quotes: [{ wardCode: HEADINGLEY, digest: md5('Buses to work') }] }), author);
      const citedId = cited.ok ? cited.id : '';
      await store.applyChanges(pushedBy(recorder, networkId, [deleteBy(recorder, conversation.id)]));
      expect((await store.responses.getResponse(networkId, citedId))!.quotes).toEqual([]);
    });

    it('offers consented quotes to cite, and public ward pages are on until switched off', async () => {
      expect(await store.responses.citableQuotes(networkId, [ARMLEY], 10)).toEqual([{ wardCode: ARMLEY, digest: md5('No jobs near here'), text: 'No jobs near here' }]);
      expect(await store.responses.publicWardPagesOn(networkId)).toBe(true);
      await store.responses.setPublicWardPages(networkId, false);
      expect(await store.responses.publicWardPagesOn(networkId)).toBe(false);
    });

    it('raised but not yet answered: counts as the map does, with its filters, and drops a ward once answered (or the whole network)', async () => {
      // Armley: 2 in November (beforeEach, 1 about work) and 6 about work in March; Headingley: 6 about work in May, 1 not.
      await store.applyChanges(
        pushedBy(recorder, networkId, [
          ...Array.from({ length: 6 }, () => makeConversation({ wardCode: ARMLEY, recordedAt: '2026-03-10T10:00:00.000Z', themeIds: [work] })),
          ...Array.from({ length: 6 }, () => makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-05-10T10:00:00.000Z', themeIds: [work] })),
          makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-05-11T10:00:00.000Z', themeIds: [green] })
        ])
      );
      const rows = async (search: string) =>
        (await notYetAnswered(store, networkId, new URLSearchParams(search))).rows.map((r) => [r.wardName, r.themeId, r.withTheme, r.conversations]);
      expect(await store.responses.answeredWards(networkId, work)).toEqual({ themeId: work, wholeNetwork: false, wardCodes: [] });
      expect(await rows(`theme=${work}`)).toEqual([
        ['Armley', work, 7, 8],
        [HEADINGLEY_NAME, work, 6, 7]
      ]);
      // The map's filters (dates, organisation) and the share asked for.
      expect(await rows(`theme=${work}&from=2026-05-01`)).toEqual([[HEADINGLEY_NAME, work, 6, 7]]);
      expect(await rows(`theme=${work}&to=2026-04-30`)).toEqual([['Armley', work, 6, 6]]);
      expect(await rows(`theme=${green}&raised=0.1`)).toEqual([[HEADINGLEY_NAME, green, 1, 7]]);
      expect(await rows(`theme=${work}&organisation=none`)).toEqual([]);

      await store.responses.createResponse(networkId, fields(), author);
      expect(await store.responses.answeredWards(networkId, work)).toEqual({ themeId: work, wholeNetwork: false, wardCodes: [ARMLEY] });
      expect(await rows(`theme=${work}`)).toEqual([[HEADINGLEY_NAME, work, 6, 7]]);
      // Every theme at once: green still waits in Headingley at 10 %.
      expect(await rows('raised=0.1')).toEqual([
        [HEADINGLEY_NAME, work, 6, 7],
        [HEADINGLEY_NAME, green, 1, 7]
      ]);

      await store.responses.createResponse(networkId, fields({ wholeNetwork: true, wardCodes: [] }), author);
      expect(await store.responses.answeredWards(networkId, work)).toEqual({ themeId: work, wholeNetwork: true, wardCodes: [ARMLEY] });
      expect(await rows(`theme=${work}`)).toEqual([]);
    });
  });
}
