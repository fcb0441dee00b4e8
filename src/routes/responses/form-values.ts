import { datePartsOf, EMPTY_DATE, type DateParts } from '$lib/domain/date-entry';
import type { AnchorResponse } from '$lib/domain/response';

/** The response form's values as typed (strings), to fill it in or show it again with a refusal. */
export interface ResponseFormValues {
  organisationId: string;
  themeId: string;
  scope: string;
  wardCodes: string[];
  action: string;
  due: DateParts;
  status: string;
  reason: string;
  visibility: string;
  quotes: string[];
}

/** A new response's form, started from a ward and theme (the ward page's or the map's link). */
export const newResponseValues = (organisationId: string, themeId: string, wardCodes: string[]): ResponseFormValues => ({
  organisationId,
  themeId,
  scope: 'wards',
  wardCodes,
  action: '',
  due: { ...EMPTY_DATE },
  status: 'planned',
  reason: '',
  visibility: 'public',
  quotes: []
});

export const responseValues = (response: AnchorResponse): ResponseFormValues => ({
  organisationId: response.organisationId,
  themeId: response.themeId,
  scope: response.wholeNetwork ? 'network' : 'wards',
  wardCodes: response.wards.map((w) => w.code),
  action: response.action,
  due: datePartsOf(response.dueBy),
  status: response.status,
  reason: response.reason ?? '',
  visibility: response.visibility,
  quotes: response.quotes.map((q) => `${q.wardCode}:${q.digest}`)
});
