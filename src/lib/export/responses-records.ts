import { responsePlace, STATUS_NAMES, VISIBILITY_NAMES, type AnchorResponse } from '$lib/domain/response';
import { ukIsoDay } from '$lib/domain/uk-time';
import type { Cell } from './csv';

/**
 * The Responses export's columns (issue 15), one row per response, for the CSV file and the
 * spreadsheet's sheet alike: who, the theme, where, what they will do, by when, how it is going
 * and its latest dated update. No evidence figures (they may be small counts) and no quotes.
 */
export const RESPONSE_HEADER = [
  'Organisation',
  'Theme',
  'Wards',
  'What they will do',
  'By (date)',
  'Status',
  'Reason it is not possible',
  'Who may see it',
  'Made on (date)',
  'Latest update (date)',
  'Latest update'
] as const;

export function responseCells(response: AnchorResponse): Cell[] {
  const latest = response.notes.at(-1) ?? null;
  return [
    response.organisationName,
    response.themeName,
    responsePlace(response, '; '),
    response.action,
    response.dueBy,
    STATUS_NAMES[response.status],
    response.status === 'not-possible' ? response.reason : null,
    VISIBILITY_NAMES[response.visibility],
    ukIsoDay(new Date(response.createdAt)),
    latest ? ukIsoDay(new Date(latest.writtenAt)) : null,
    latest ? latest.note : null
  ];
}
