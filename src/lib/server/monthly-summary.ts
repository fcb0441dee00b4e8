import type { AuditActor } from '$lib/domain/audit';
import { wardThemeCsv } from '$lib/export/ward-theme-csv';
import { wardThemeTable } from '$lib/export/ward-theme-table';
import { mail, type MailSettings } from './auth/mail';
import { startDailyJob } from './daily-job';
import type { Store } from './store';

/**
 * The monthly summary (issue 14): when a network asks for it and the server can mail
 * (`SMTP_URL`), its coordinators are mailed, early in each month, a CSV of conversations per
 * ward and charter theme recorded in the month just ended, small counts hidden as everywhere.
 */

const SYSTEM: AuditActor = { kind: 'system', id: null, name: 'Anchor Listening' };
const ukYearMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' });
const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** The UK calendar month before the one `now` is in: its key ('2026-11'), first and last days, and name. */
export function monthBefore(now: Date): { key: string; from: string; to: string; name: string } {
  const parts = Object.fromEntries(ukYearMonth.formatToParts(now).map((p) => [p.type, p.value]));
  const firstOfThis = Date.UTC(Number(parts.year), Number(parts.month) - 1, 1);
  const last = new Date(firstOfThis - 24 * 60 * 60 * 1000);
  const key = last.toISOString().slice(0, 7);
  return { key, from: `${key}-01`, to: last.toISOString().slice(0, 10), name: monthName.format(last) };
}

export type MonthlySummaryOutcome = 'mailed' | 'not-wanted' | 'already-mailed' | 'no-mail-server' | 'no-coordinator' | 'not-mailed';

/** Mails last month's summary if the network wants it and no process has yet; what came of it. */
export async function mailMonthlySummary(store: Store, settings: MailSettings, now: Date): Promise<MonthlySummaryOutcome> {
  const network = await store.getNetwork();
  if (!network) return 'not-wanted';
  const wanted = await store.monthlySummaries.monthlySummary(network.id);
  if (!wanted.on) return 'not-wanted';
  if (!settings.smtpUrl) return 'no-mail-server';
  const coordinators = (await store.accounts.listPeople(network.id)).filter((p) => p.role === 'coordinator' && p.active).map((p) => p.email);
  if (coordinators.length === 0) return 'no-coordinator';
  const month = monthBefore(now);
  const claim = await store.monthlySummaries.claimMonthlySummary(network.id, month.key);
  if (!claim.claimed) return 'already-mailed';

  const [reference, counts, threshold] = await Promise.all([
    store.getReferenceData(),
    store.wardThemeCounts(network.id, { from: month.from, to: month.to }),
    store.suppressionThreshold(network.id)
  ]);
  const table = wardThemeTable(counts, reference?.themes ?? [], threshold);
  const mailed = await mail(settings, {
    to: coordinators,
    subject: `${network.name}: conversations in ${month.name}`,
    text:
      `Attached: how many conversations were recorded in each ward in ${month.name}, and how many touched each charter theme ` +
      `(${table.totals.conversations.shown ? table.totals.conversations.count : `fewer than ${threshold}`} in all). ` +
      `Counts below ${threshold} show as "fewer than ${threshold}", as everywhere in Anchor Listening.\n\n` +
      'A coordinator can stop these mails under Settings › Monthly summary.',
    attachments: [{ filename: `conversations-per-ward-and-theme-${month.key}.csv`, content: wardThemeCsv(table), contentType: 'text/csv; charset=utf-8' }]
  });
  if (!mailed) {
    await store.monthlySummaries.releaseMonthlySummary(network.id, month.key, claim.before);
    return 'not-mailed';
  }
  await store.audit.record(network.id, {
    actor: SYSTEM,
    action: 'export',
    subject: `Monthly summary for ${month.name}, mailed to the coordinators`,
    details: { kind: 'monthly-summary', month: month.key, wards: counts.length, recipients: coordinators.length }
  });
  return 'mailed';
}

/** Runs `mailMonthlySummary` at start-up and daily: the first run in a month mails the month before. */
export function startMonthlySummaryJob(store: Store, settings: MailSettings, options: { now?: () => Date; log?: (message: string, error?: unknown) => void } = {}) {
  const { now = () => new Date(), log = console.log } = options;
  return startDailyJob(
    async () => {
      const outcome = await mailMonthlySummary(store, settings, now());
      if (outcome === 'mailed') log(`Anchor Listening: monthly summary for ${monthBefore(now()).name} mailed to the coordinators`);
      if (outcome === 'not-mailed') log('Anchor Listening: the monthly summary could not be mailed; trying again in 24 hours');
    },
    { failed: (error) => log('Anchor Listening: making the monthly summary failed; trying again in 24 hours', error) }
  );
}
