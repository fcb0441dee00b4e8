import { describe, expect, it } from 'vitest';
import { AssessmentFields, percentOf, stageCounts, StagesFields } from '../../../src/lib/domain/progression';
import { progressionCsv } from '../../../src/lib/export/progression-csv';
import { readStagesForm } from '../../../src/lib/server/progression';

const WORK = '0190a000-0000-7000-8000-000000000001';
const GREEN = '0190a000-0000-7000-8000-000000000002';

describe('progression (issue 15, point 4)', () => {
  it('counts organisations per stage per theme from the current assessments; the rest are not assessed', () => {
    const counts = stageCounts([{ id: WORK }, { id: GREEN }], 4, 3, [
      { themeId: WORK, stage: 2 },
      { themeId: WORK, stage: 2 },
      { themeId: WORK, stage: 4 },
      { themeId: GREEN, stage: 9 } // a stage since removed: not counted at any stage
    ]);
    expect(counts).toEqual([
      { themeId: WORK, atStage: [0, 2, 0, 1], notAssessed: 0 },
      { themeId: GREEN, atStage: [0, 0, 0, 0], notAssessed: 3 }
    ]);
    expect(percentOf(12, 15)).toBe(80);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('bounds stages: two to six, named, different names, text limits', () => {
    const stage = (name: string) => ({ name, description: '' });
    expect(StagesFields.safeParse([stage('One')]).success).toBe(false);
    expect(StagesFields.safeParse(Array.from({ length: 7 }, (_, i) => stage(`S${i}`))).success).toBe(false);
    expect(StagesFields.safeParse([stage('One'), stage('one')]).success).toBe(false);
    expect(StagesFields.safeParse([stage('One'), stage('x'.repeat(61))]).success).toBe(false);
    expect(StagesFields.safeParse([stage(' One '), stage('Two')]).data?.[0].name).toBe('One');
  });

  it('reads the stages form: empty last rows are no stage, an empty row between stages is a mistake', () => {
    const form = (rows: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(rows)) data.set(k, v);
      return data;
    };
    expect(readStagesForm(form({ 'name-1': 'A', 'name-2': 'B', 'name-3': '', 'description-3': '' }))).toEqual({
      ok: true,
      value: [{ name: 'A', description: '' }, { name: 'B', description: '' }]
    });
    const gap = readStagesForm(form({ 'name-1': 'A', 'name-2': '', 'name-3': 'C' }));
    expect(gap).toEqual({ ok: false, errors: [{ field: 'stage-name-2', message: 'Enter a name for each stage' }] });
  });

  it('refuses an assessment without a stage, evidence or real date, in plain English', () => {
    const parsed = AssessmentFields.safeParse({ organisationId: WORK, themeId: GREEN, stage: Number.NaN, evidence: '  ', assessedOn: '2026-02-30x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(['Choose a stage', 'Say what shows you are at this stage', 'Enter the date you assessed']);
  });

  it('writes assessments as CSV with formula injection neutralised', () => {
    const csv = progressionCsv(
      [
        {
          id: 'x', organisationId: 'o', organisationName: '=Armley', themeId: WORK, themeName: 'Work', stage: 2, stageName: 'Developing',
          evidence: '+cmd|calc', assessedOn: '2026-06-01', assessedByName: 'Sam', createdAt: '2026-06-01T10:00:00Z', current: true
        }
      ],
      false
    );
    expect(csv.split('\r\n')[1]).toBe(`"'=Armley",Work,2,Developing,Yes,2026-06-01,"'+cmd|calc",Sam,2026-06-01T10:00:00Z`);
  });
});
