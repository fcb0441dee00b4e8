import { vi } from 'vitest';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import { describeInputFuzz } from './input-fuzz-contract';

// The PDF routes are fuzzed for their query strings, not for Chromium: a PDF is "made" at once.
vi.mock('../../../src/lib/server/report-pdf', async (original) => ({
  ...(await original<typeof import('../../../src/lib/server/report-pdf')>()),
  pdfAvailable: () => true,
  renderReportPdf: async () => new TextEncoder().encode('%PDF-1.7')
}));

describeInputFuzz('PGlite', () => openPgliteDatabase(), 80);
