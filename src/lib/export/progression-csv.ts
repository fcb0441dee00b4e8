import type { Assessment } from '$lib/domain/progression';
import { csvRecords, UTF8_BOM } from './csv';

/**
 * Self-assessments (issue 15, point 4) as a CSV file: one row per assessment, newest first per
 * organisation and theme, `Current` saying which is its stage now. Typed text (evidence, names)
 * goes through `csvRecords`, which neutralises formula injection.
 */
export const PROGRESSION_HEADER = ['Organisation', 'Theme', 'Stage number', 'Stage', 'Current', 'Assessed on', 'Evidence', 'Assessed by', 'Entered at (UTC)'];

/** One assessment's cells, in PROGRESSION_HEADER's order: for the CSV and the spreadsheet's sheet. */
export function progressionCells(a: Assessment): (string | number)[] {
  return [a.organisationName, a.themeName, a.stage, a.stageName, a.current ? 'Yes' : 'No', a.assessedOn, a.evidence, a.assessedByName, a.createdAt];
}

export function progressionCsv(assessments: readonly Assessment[], bom: boolean): string {
  return (bom ? UTF8_BOM : '') + csvRecords([PROGRESSION_HEADER, ...assessments.map(progressionCells)]);
}
