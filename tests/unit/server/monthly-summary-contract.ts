import { parse } from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthBefore, mailMonthlySummary } from '../../../src/lib/server/monthly-summary';
import type { Store } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { attachmentOf, MailCatcher } from '../../support/mail-catcher';
import { pushedBy } from '../../support/recorder';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
/** Early on 1 December 2026 (GMT): the month before is November. */
const FIRST_OF_DECEMBER = new Date('2026-12-01T06:00:00.000Z');
const FILE = 'conversations-per-ward-and-theme-2026-11.csv';

/**
 * Issue 14, point 3: the monthly summary mailed to coordinators, through a real SMTP server, on
 * PGlite (monthly-summary.test.ts) and PostgreSQL (monthly-summary.pg.test.ts).
 */
export function describeMonthlySummary(kind: string, openStore: () => Promise<Store>) {
  describe(`the monthly summary on ${kind} (issue 14)`, () => {
    let catcher: MailCatcher;
    beforeAll(async () => {
      catcher = await MailCatcher.start();
    });
    afterAll(() => catcher.stop());

    /** Leeds with 12 conversations in Armley and 3 in Headingley in November, one in October, the summary asked for. */
    async function leeds(): Promise<{ store: Store; seed: SeededNetwork; themes: { id: string; name: string }[] }> {
      const store = await openStore();
      const seed = await seedNetwork(store);
      const themes = (await store.getReferenceData())!.themes;
      const recorder = { organisationId: seed.organisations.armley.id, workerId: seed.workers.amina.id };
      const on = (day: string, wardCode: string, themeIds: string[]) => makeConversation({ wardCode, themeIds, recordedAt: `${day}T10:00:00.000Z` });
      await store.applyChanges(
        pushedBy(recorder, seed.network.id, [
          ...Array.from({ length: 12 }, (_, i) => on('2026-11-03', ARMLEY, i < 11 ? [themes[0].id] : [themes[1].id])),
          ...Array.from({ length: 3 }, () => on('2026-11-20', HEADINGLEY, [themes[0].id])),
          on('2026-10-30', ARMLEY, [themes[1].id])
        ])
      );
      await store.monthlySummaries.setMonthlySummary(seed.network.id, true);
      return { store, seed, themes };
    }

    it('names the month before, in UK months', () => {
      expect(monthBefore(FIRST_OF_DECEMBER)).toEqual({ key: '2026-11', from: '2026-11-01', to: '2026-11-30', name: 'November 2026' });
      expect(monthBefore(new Date('2026-03-01T00:30:00.000Z'))).toMatchObject({ key: '2026-02', to: '2026-02-28' });
      // 23:30 UTC on 31 July is 1 August in the UK (BST): the month before is July.
      expect(monthBefore(new Date('2026-07-31T23:30:00.000Z')).key).toBe('2026-07');
      expect(monthBefore(new Date('2027-01-01T09:00:00.000Z')).key).toBe('2026-12');
    });

    it('mails the coordinators last month’s counts per ward and theme, small counts hidden, once, and logs it', async () => {
      const { store, seed, themes } = await leeds();
      const settings = { smtpUrl: catcher.url, from: 'Anchor Listening <summary@leeds.example>' };
      expect(await mailMonthlySummary(store, settings, FIRST_OF_DECEMBER)).toBe('mailed');
      const mail = await catcher.messageTo(seed.people.coordinator.email);
      expect(mail.subject).toContain('November 2026');
      const csv = attachmentOf(mail, FILE)!.toString('utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const rows = parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
      const header = rows[0];
      expect(header.slice(0, 5)).toEqual(['Ward code', 'Ward', 'Local authority code', 'Local authority', 'Conversations']);
      const column = (name: string) => header.indexOf(name);
      const armley = rows.find((row) => row[0] === ARMLEY)!;
      expect(armley[column('Conversations')]).toBe('12');
      expect(armley[column(themes[0].name)]).toBe('11');
      expect(armley[column(themes[1].name)]).toBe('fewer than 10');
      const headingley = rows.find((row) => row[0] === HEADINGLEY)!;
      expect(headingley[column('Conversations')]).toBe('fewer than 10');
      // No count below the threshold anywhere, and the network's totals hide what would give one away.
      for (const row of rows.slice(1)) for (const cell of row.slice(4)) expect(cell === 'fewer than 10' || Number(cell) >= 10).toBe(true);
      expect(rows.at(-1)!.slice(0, 2)).toEqual(['', 'All wards']);

      expect(await mailMonthlySummary(store, settings, new Date('2026-12-02T06:00:00.000Z'))).toBe('already-mailed');
      expect(catcher.messages.filter((m) => m.subject.includes('November 2026') && m.to.includes(seed.people.coordinator.email))).toHaveLength(1);
      const [logged] = await store.audit.list(seed.network.id, { action: 'export' }, { before: null, limit: 10 });
      expect(logged).toMatchObject({ action: 'export', details: { kind: 'monthly-summary', month: '2026-11' } });
      await store.close();
    });

    it('mails nothing when the network has not asked, or the server cannot mail; a failed mailing is tried again the next day', async () => {
      const { store, seed } = await leeds();
      const settings = { smtpUrl: catcher.url, from: 'summary@leeds.example' };
      expect(await mailMonthlySummary(store, { ...settings, smtpUrl: null }, FIRST_OF_DECEMBER)).toBe('no-mail-server');
      // Nothing listens on port 9: the mail server cannot be reached.
      expect(await mailMonthlySummary(store, { ...settings, smtpUrl: 'smtp://127.0.0.1:9' }, FIRST_OF_DECEMBER)).toBe('not-mailed');
      expect((await store.monthlySummaries.monthlySummary(seed.network.id)).lastMailedFor).toBeNull();
      await store.monthlySummaries.setMonthlySummary(seed.network.id, false);
      expect(await mailMonthlySummary(store, settings, FIRST_OF_DECEMBER)).toBe('not-wanted');
      await store.monthlySummaries.setMonthlySummary(seed.network.id, true);
      expect(await mailMonthlySummary(store, settings, new Date('2026-12-02T06:00:00.000Z'))).toBe('mailed');
      expect((await store.monthlySummaries.monthlySummary(seed.network.id)).lastMailedFor).toBe('2026-11');
      await store.close();
    });

    it('is mailed by one server process only when several run the job at once', async () => {
      const { store, seed } = await leeds();
      const settings = { smtpUrl: catcher.url, from: 'summary@leeds.example' };
      const before = catcher.messages.length;
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => mailMonthlySummary(store, settings, FIRST_OF_DECEMBER)));
      expect(outcomes.filter((o) => o === 'mailed')).toHaveLength(1);
      expect(catcher.messages.slice(before).filter((m) => m.to.includes(seed.people.coordinator.email))).toHaveLength(1);
      await store.close();
    });
  });
}
