import { EQUALITY_QUESTIONS } from '$lib/domain/equality-monitoring';
import type { ContactExportRow } from '$lib/server/store/export-queries';
import type { Cell } from './csv';

const QUESTIONS = Object.entries(EQUALITY_QUESTIONS) as [keyof typeof EQUALITY_QUESTIONS, (typeof EQUALITY_QUESTIONS)[keyof typeof EQUALITY_QUESTIONS]][];

/**
 * The contact details and equality answers export (coordinators only, audited): the reference
 * code a resident quotes, where and when, the contact details, and each equality answer in the
 * words the form showed.
 */
export function contactHeader(): string[] {
  return ['Reference code', 'Ward code', 'Ward', 'Date', 'Recorded at (UTC)', 'Organisation', 'Contact details', ...QUESTIONS.map(([, q]) => q.label)];
}

function answerLabel(question: keyof typeof EQUALITY_QUESTIONS, value: string | undefined): string | null {
  if (value === undefined) return null;
  const option = (EQUALITY_QUESTIONS[question].options as { value: string; label: string; group?: string }[]).find((o) => o.value === value);
  if (!option) return value;
  return option.group ? `${option.group}: ${option.label}` : option.label;
}

export function contactCells(row: ContactExportRow): Cell[] {
  const equality = row.equality as Record<string, string | undefined>;
  return [
    row.referenceCode,
    row.wardCode,
    row.wardName,
    row.date,
    row.recordedAt,
    row.organisationName,
    row.contact,
    ...QUESTIONS.map(([key]) => answerLabel(key, equality[key]))
  ];
}
