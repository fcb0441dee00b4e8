import type { ConversationExportRow, ExportHead } from '$lib/server/store/export-queries';
import type { Cell } from './csv';

/**
 * The Conversations export's columns (issue 14): one row per conversation, one column per
 * prompt (headed by its wording), one per consented quote (as many as the conversation with the
 * most has). Never contact details or equality answers: they are not even read for it.
 */
export function conversationHeader(head: Pick<ExportHead, 'prompts' | 'maxQuotes'>): string[] {
  return [
    'Ward code',
    'Ward',
    'Local authority',
    'Date',
    'Recorded at (UTC)',
    'Event',
    'Organisation',
    'Themes',
    ...head.prompts.map((prompt) => prompt.text),
    ...Array.from({ length: Math.max(head.maxQuotes, 1) }, (_, i) => `Quote ${i + 1}`),
    'People'
  ];
}

/** Theme names in one cell, between these. */
export const THEME_SEPARATOR = '; ';

/** One conversation's cells, in the header's order. */
export function conversationCells(row: ConversationExportRow, head: Pick<ExportHead, 'prompts' | 'maxQuotes'>): Cell[] {
  const answers = new Map(row.answers.map((answer) => [answer.promptId, answer.text]));
  const quotes = Array.from({ length: Math.max(head.maxQuotes, 1) }, (_, i) => row.quotes[i] ?? null);
  return [
    row.wardCode,
    row.wardName,
    row.localAuthority,
    row.date,
    row.recordedAt,
    row.eventName,
    row.organisationName,
    row.themeNames.join(THEME_SEPARATOR),
    ...head.prompts.map((prompt) => answers.get(prompt.id) ?? null),
    ...quotes,
    row.peopleCount
  ];
}
