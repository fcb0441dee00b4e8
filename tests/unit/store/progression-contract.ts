import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DEFAULT_STAGES, type AssessmentFields } from '../../../src/lib/domain/progression';
import type { Store } from '../../../src/lib/server/store';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

/**
 * The anchor progression framework (issue 15, point 4; migration 022) on embedded PGlite
 * (progression.test.ts) and PostgreSQL (progression.pg.test.ts).
 */
export function describeProgressionContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`progression on ${kind}`, () => {
    let store: Store;
    let networkId: string;
    let armley: string;
    let leeds: string;
    let work: string;
    let green: string;
    const by = { id: uuidv7(), name: 'Sam Staff' };
    const fields = (overrides: Partial<AssessmentFields> = {}): AssessmentFields => ({
      organisationId: armley,
      themeId: work,
      stage: 1,
      evidence: 'We have started a jobs fair.',
      assessedOn: '2026-06-01',
      ...overrides
    });
    beforeEach(async () => {
      store = await openEmptyStore();
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      const themes = (await store.getReferenceData())!.themes;
      work = themes[0].id;
      green = themes[3].id;
      armley = (await store.addOrganisation(networkId, 'Armley Community Centre')).id;
      leeds = (await store.addOrganisation(networkId, 'Leeds Teaching Hospitals')).id;
      return () => store.close();
    });

    it('gives a new network the four default stages, once, and saves renamed, added and removed stages', async () => {
      const [first, again] = await Promise.all([store.progression.stages(networkId), store.progression.stages(networkId)]);
      expect(first.map((s) => s.name)).toEqual(DEFAULT_STAGES.map((s) => s.name));
      expect(again).toHaveLength(4);
      expect(await store.progression.saveStages(networkId, [{ name: 'Beginning', description: '' }, { name: 'Doing', description: 'Some' }, { name: 'Leading', description: '' }])).toEqual({ ok: true });
      expect((await store.progression.stages(networkId)).map((s) => [s.position, s.name])).toEqual([[1, 'Beginning'], [2, 'Doing'], [3, 'Leading']]);
    });

    it('keeps every assessment as history; the current stage is the one assessed last', async () => {
      await store.progression.stages(networkId);
      expect((await store.progression.addAssessment(networkId, fields({ stage: 1, assessedOn: '2026-01-10' }), by)).ok).toBe(true);
      expect((await store.progression.addAssessment(networkId, fields({ stage: 3, assessedOn: '2026-09-10' }), by)).ok).toBe(true);
      // A past assessment typed in later does not displace the latest.
      expect((await store.progression.addAssessment(networkId, fields({ stage: 2, assessedOn: '2026-05-10' }), by)).ok).toBe(true);
      expect((await store.progression.addAssessment(networkId, fields({ organisationId: leeds, themeId: green, stage: 4 }), by)).ok).toBe(true);
      const all = await store.progression.assessments(networkId);
      expect(all).toHaveLength(4);
      const current = await store.progression.assessments(networkId, { currentOnly: true });
      expect(current.map((a) => [a.organisationName, a.themeId, a.stage, a.stageName])).toEqual([
        ['Armley Community Centre', work, 3, 'Established'],
        ['Leeds Teaching Hospitals', green, 4, 'Leading']
      ]);
      const history = await store.progression.assessments(networkId, { organisationId: armley });
      expect(history.map((a) => [a.assessedOn, a.current, a.assessedByName])).toEqual([
        ['2026-09-10', true, 'Sam Staff'],
        ['2026-05-10', false, 'Sam Staff'],
        ['2026-01-10', false, 'Sam Staff']
      ]);
      expect(await store.progression.organisationCount(networkId)).toBe(2);
    });

    it('refuses, writing nothing, an assessment naming what is not the network’s, and removing a stage in use', async () => {
      await store.progression.stages(networkId);
      expect(await store.progression.addAssessment(networkId, fields({ organisationId: uuidv7() }), by)).toEqual({ ok: false, reason: 'unknown-organisation' });
      expect(await store.progression.addAssessment(networkId, fields({ themeId: uuidv7() }), by)).toEqual({ ok: false, reason: 'unknown-theme' });
      expect(await store.progression.addAssessment(networkId, fields({ stage: 6 }), by)).toEqual({ ok: false, reason: 'unknown-stage' });
      expect(await store.progression.assessments(networkId)).toEqual([]);
      await store.progression.addAssessment(networkId, fields({ stage: 4 }), by);
      const three = DEFAULT_STAGES.slice(0, 3).map((s) => ({ ...s }));
      expect(await store.progression.saveStages(networkId, three)).toEqual({ ok: false, reason: 'stage-in-use', stage: 'Leading' });
      expect(await store.progression.stages(networkId)).toHaveLength(4);
    });

    it('keeps what each stage means per theme, and refuses an unknown theme or stage', async () => {
      await store.progression.stages(networkId);
      const saved = await store.progression.saveThemeStageDescriptions(networkId, { themeId: work, descriptions: [{ position: 1, text: 'Some local hiring' }, { position: 2, text: '' }] });
      expect(saved).toEqual({ ok: true });
      expect(await store.progression.themeStageDescriptions(networkId)).toEqual({ [work]: { 1: 'Some local hiring' } });
      expect(await store.progression.saveThemeStageDescriptions(networkId, { themeId: uuidv7(), descriptions: [] })).toEqual({ ok: false, reason: 'unknown-theme' });
      expect(await store.progression.saveThemeStageDescriptions(networkId, { themeId: work, descriptions: [{ position: 6, text: 'x' }] })).toEqual({ ok: false, reason: 'unknown-stage' });
      expect(await store.progression.themeStageDescriptions(networkId)).toEqual({ [work]: { 1: 'Some local hiring' } });
    });
  });
}
