import * as z from 'zod/mini';
import { Id } from './id';
import { ThemeId } from './theme';
import type { ShownCount } from './suppression';
import { trimmedText } from './text';
import type { MapIndicator } from './ward-map';

/**
 * The anchor progression framework (issue 15, point 4). A network names its stages, in order
 * (from starting out to leading), and says per charter theme what each stage means: data a
 * coordinator edits, like the themes. Each anchor organisation self-assesses its stage per theme,
 * with evidence and the date it assessed; assessments are never changed or deleted, so the
 * history stays, and an organisation's current stage for a theme is its latest assessment.
 * A stage is known by its position (1 = the first), so renaming one keeps every assessment of it.
 */

export const STAGE_NAME_MAX_LENGTH = 60;
export const STAGE_DESCRIPTION_MAX_LENGTH = 300;
export const THEME_STAGE_DESCRIPTION_MAX_LENGTH = 600;
export const EVIDENCE_MAX_LENGTH = 2000;
/** Fewer than two is no progression; more than six is more than anyone tells apart. */
export const STAGE_COUNT = { min: 2, max: 6 } as const;

export const DEFAULT_STAGES: readonly { name: string; description: string }[] = [
  { name: 'Starting out', description: 'We have begun to look at this theme and what we could do.' },
  { name: 'Developing', description: 'We have a plan and some work under way.' },
  { name: 'Established', description: 'It is part of how we work, and we measure it.' },
  { name: 'Leading', description: 'We lead others in the network and share what works.' }
];

export const StageFields = z.object({
  name: trimmedText(STAGE_NAME_MAX_LENGTH, `Each stage’s name must be ${STAGE_NAME_MAX_LENGTH} characters or fewer`, 'Enter a name for each stage'),
  description: trimmedText(STAGE_DESCRIPTION_MAX_LENGTH, `Each stage’s description must be ${STAGE_DESCRIPTION_MAX_LENGTH} characters or fewer`)
});
export type StageFields = z.infer<typeof StageFields>;

/** The network's stages, first to last, as a coordinator saves them. */
export const StagesFields = z
  .array(StageFields)
  .check(
    z.minLength(STAGE_COUNT.min, `Keep at least ${STAGE_COUNT.min} stages`),
    z.maxLength(STAGE_COUNT.max, `Have at most ${STAGE_COUNT.max} stages`),
    z.refine((stages) => new Set(stages.map((s) => s.name.toLowerCase())).size === stages.length, 'Give each stage a different name')
  );

/** A stage as the network has it: its position (1 = the first) and words. */
export interface Stage extends StageFields {
  position: number;
}

export const StagePosition = z.int('Choose a stage').check(z.minimum(1, 'Choose a stage'), z.maximum(STAGE_COUNT.max, 'Choose a stage'));

/** What each stage means for one theme, by stage position; an empty text means none written yet. */
export const ThemeStageDescriptions = z.object({
  themeId: ThemeId,
  descriptions: z.array(
    z.object({
      position: StagePosition,
      text: trimmedText(THEME_STAGE_DESCRIPTION_MAX_LENGTH, `Each description must be ${THEME_STAGE_DESCRIPTION_MAX_LENGTH} characters or fewer`)
    })
  ).check(z.maxLength(STAGE_COUNT.max))
});
export type ThemeStageDescriptions = z.infer<typeof ThemeStageDescriptions>;

/** One self-assessment as a person fills it in. */
export const AssessmentFields = z.object({
  organisationId: Id.check(z.regex(/^[0-9a-f-]+$/, 'Choose the organisation')),
  themeId: ThemeId,
  stage: StagePosition,
  evidence: trimmedText(EVIDENCE_MAX_LENGTH, `The evidence must be ${EVIDENCE_MAX_LENGTH} characters or fewer`, 'Say what shows you are at this stage'),
  assessedOn: z.iso.date({ error: 'Enter the date you assessed' })
});
export type AssessmentFields = z.infer<typeof AssessmentFields>;

/** A kept self-assessment, with the names it refers to. */
export interface Assessment {
  id: string;
  organisationId: string;
  organisationName: string;
  themeId: string;
  themeName: string;
  stage: number;
  stageName: string;
  evidence: string;
  assessedOn: string;
  assessedByName: string;
  createdAt: string;
  /** Whether this is the organisation's latest assessment of the theme (its current stage). */
  current: boolean;
}

/** How many organisations are at each stage of one theme now (index 0 = stage 1). */
export interface ThemeStageCounts {
  themeId: string;
  atStage: number[];
  notAssessed: number;
}

/**
 * Per theme, how many organisations are at each stage now, from the current assessments: an
 * organisation not assessed for a theme counts as not assessed. Pure, so the view and the report
 * count alike.
 */
export function stageCounts(
  themes: readonly { id: string }[],
  stageCount: number,
  organisationCount: number,
  current: readonly Pick<Assessment, 'themeId' | 'stage'>[]
): ThemeStageCounts[] {
  return themes.map((theme) => {
    const atStage = Array.from({ length: stageCount }, () => 0);
    for (const a of current) if (a.themeId === theme.id && a.stage >= 1 && a.stage <= stageCount) atStage[a.stage - 1] += 1;
    const assessed = atStage.reduce((sum, n) => sum + n, 0);
    return { themeId: theme.id, atStage, notAssessed: Math.max(0, organisationCount - assessed) };
  });
}

/** A share as whole percent, for tables and bars ("23 %"); null when nothing to share. */
export const percentOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((100 * part) / whole) : null);

// The network view (server/progression-view.ts builds it; the page and the report show it) -----

/** How often residents raised a theme in some wards: its conversations, all conversations, and the share when both may be shown. */
export interface RaisedShare {
  withTheme: ShownCount;
  conversations: ShownCount;
  percent: number | null;
}

export interface ThemeProgress {
  id: string;
  name: string;
  /** Organisations at each stage now (index 0 = the first stage). */
  atStage: number[];
  notAssessed: number;
  all: RaisedShare;
  /** Null when the network has no ward indicator to rank wards by. */
  deprived: RaisedShare | null;
}

export interface ProgressionView {
  stages: Stage[];
  organisations: number;
  assessed: number;
  threshold: number;
  indicators: MapIndicator[];
  indicator: MapIndicator | null;
  mostDeprivedPercent: number;
  deprivedWards: number;
  themes: ThemeProgress[];
}

