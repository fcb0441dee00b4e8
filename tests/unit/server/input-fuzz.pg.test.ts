import { inject, vi } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import { createDatabase } from '../../support/postgres-cluster';
import { describeInputFuzz } from './input-fuzz-contract';

// The PDF routes are fuzzed for their query strings, not for Chromium: a PDF is "made" at once.
vi.mock('../../../src/lib/server/report-pdf', async (original) => ({
  ...(await original<typeof import('../../../src/lib/server/report-pdf')>()),
  pdfAvailable: () => true,
  renderReportPdf: async () => new TextEncoder().encode('%PDF-1.7')
}));

describeInputFuzz('PostgreSQL', async () => openPostgresDatabase(await createDatabase(inject('postgresAdminUrl'), `fuzz_${uuidv7().replaceAll('-', '')}`)), 150);
