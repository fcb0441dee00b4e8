import type { ReferenceData } from '$lib/domain/network';
import { MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import type { MapFilters, MapIndicator } from '$lib/domain/ward-map';

const ukDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '2026-11-20' as '20 November 2026'. */
export const formatDay = (day: string) => ukDay.format(new Date(`${day}T00:00:00Z`));

/**
 * The map's filters as a reader of an export or a report needs them: one line each, in words,
 * naming events, organisations and indicators (never their ids). The theme is left to the caller,
 * since a report shows every theme and the map one.
 */
export function filtersInWords(filters: Omit<MapFilters, 'themeId'>, reference: Pick<ReferenceData, 'events' | 'organisations'>, indicators: readonly MapIndicator[]): string[] {
  const lines: string[] = [];
  if (filters.from && filters.to) lines.push(`Conversations from ${formatDay(filters.from)} to ${formatDay(filters.to)}`);
  else if (filters.from) lines.push(`Conversations from ${formatDay(filters.from)} on`);
  else if (filters.to) lines.push(`Conversations up to ${formatDay(filters.to)}`);
  else lines.push('Conversations on any date');
  if (filters.eventId === 'none') lines.push('Only conversations recorded at no listening event');
  else if (filters.eventId) {
    const event = reference.events.find((e) => e.id === filters.eventId);
    lines.push(`Listening event: ${event ? `${event.name}, ${formatDay(event.date)}` : "an event no longer listed"}`);
  }
  if (filters.organisationId === 'none') lines.push('Only conversations that name no organisation');
  else if (filters.organisationId) {
    const organisation = reference.organisations.find((o) => o.id === filters.organisationId);
    lines.push(`Organisation: ${organisation?.name ?? 'an organisation no longer listed'}`);
  }
  if (filters.mostDeprivedBy) {
    const indicator = indicators.find((i) => i.id === filters.mostDeprivedBy);
    lines.push(`Only the most deprived ${MOST_DEPRIVED_PERCENT} % of wards on ${indicator?.name ?? 'an indicator no longer listed'}`);
  }
  return lines;
}
