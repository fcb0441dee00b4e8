import type { ReferenceData } from './network';

/** A value that lost to a concurrent edit of the same field, as the server keeps it. */
export interface HistoryEntry {
  field: string;
  lostValue: unknown;
  lostChangeId: string;
  wonChangeId: string;
  recordedAt: string;
}

const FIELD_LABELS: Record<string, string> = {
  wardCode: 'Ward',
  eventId: 'Listening event',
  organisationId: 'Organisation',
  answers: 'What they said',
  quotes: 'Quotes',
  themeIds: 'Charter themes',
  peopleCount: 'Number of people',
  equality: 'Equality monitoring',
  followUp: 'Follow-up',
  consentToRecord: 'Consent'
};

/** A lost value in words a worker reads: the field's label and what it held. */
export function describeLostValue(entry: HistoryEntry, reference: ReferenceData): { label: string; value: string } {
  const label = FIELD_LABELS[entry.field] ?? entry.field;
  const v = entry.lostValue as never;
  switch (entry.field) {
    case 'answers':
      return { label, value: (v as { prompt: string; text: string }[]).map((a) => `${a.prompt} ${a.text}`).join(' / ') };
    case 'quotes':
      return { label, value: (v as { text: string }[]).map((q) => `“${q.text}”`).join(' ') };
    case 'themeIds':
      return { label, value: (v as string[]).map((id) => reference.themes.find((t) => t.id === id)?.name ?? id).join(', ') };
    case 'wardCode':
      return { label, value: reference.wards.find((w) => w.code === v)?.name ?? String(v) };
    case 'eventId':
      return { label, value: v ? (reference.events.find((e) => e.id === v)?.name ?? 'an earlier event') : 'Not at an event' };
    case 'organisationId':
      return { label, value: v ? (reference.organisations.find((o) => o.id === v)?.name ?? 'an earlier organisation') : 'Not given' };
    case 'followUp':
      return { label, value: (v as { wanted: boolean }).wanted ? 'Wanted (contact details kept separately)' : 'Not wanted' };
    default:
      return { label, value: typeof v === 'object' ? JSON.stringify(v) : String(v) };
  }
}
