import type { Assessment } from '$lib/domain/progression';
import { csvRecords, UTF8_BOM } from './csv';

/**
 * Self-assessments (issue 15, point 4) as a CSV file: one row per assessment, newest first per
 * organisation and theme, `Current` saying which is its stage now. Typed text (evidence, names)
 * goes through `csvRecords`, which neutralises formula injection.
 */
export const PROGRESSION_HEADER = ['Organisation', 'Theme', 'Stage number', 'Stage', 'Current', 'Assessed on', 'Evidence', 'Assessed by', 'Entered at (UTC)'];

export function progressionCsv(assessments: readonly Assessment[], bom: boolean): string {
  const rows = assessments.map((a) => [
    a.organisationName,
    a.themeName,
    a.stage,
    a.stageName,
    a.current ? 'Yes' : 'No',
    a.assessedOn,
    a.evidence,
    a.assessedByName,
    a.createdAt
  ]);
  return (bom ? UTF8_BOM : '') + csvRecords([PROGRESSION_HEADER, ...rows]);
}
