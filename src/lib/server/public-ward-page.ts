import { error } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import type { Network } from '$lib/domain/network';
import type { AnchorResponse } from '$lib/domain/response';
import { countText } from '$lib/domain/suppression';
import { WardCode } from '$lib/domain/ward';
import { suppressedEach } from '$lib/export/suppressed';
import { monthInWords } from '$lib/export/report-view';
import type { Store } from './store';

/** The public page shows this many quotes, newest first; the poster fewer. */
export const PUBLIC_PAGE_QUOTES = 6;

/** A response as residents see it: no staff names, no evidence figures (their counts may be small), public ones only. */
export type PublicResponse = Omit<AnchorResponse, 'evidence' | 'notes'> & { notes: { id: string; status: AnchorResponse['status']; note: string; writtenAt: string }[] };

/**
 * The public "You said, we did" page of a ward (issue 15), for anyone, signed in or not: what
 * residents raised, every count through the small-count rule (each theme on its own, as reports
 * do: themes overlap), consented quotes only (the store never reads others), the anchors' public
 * responses and the date of the figures. 404 when the network has switched these pages off, or
 * has no such ward.
 */
export async function publicWardPage(store: Store, network: Network | null, code: string, origin: string, quoteLimit = PUBLIC_PAGE_QUOTES) {
  if (!network) error(404, 'This service has not been set up yet.');
  if (!(await store.responses.publicWardPagesOn(network.id))) error(404, 'This network does not publish ward pages.');
  if (!WardCode.safeParse(code).success) error(404, 'There is no ward with that code here.');
  const [page, threshold, responses] = await Promise.all([
    store.wardPage(network.id, code, quoteLimit),
    store.suppressionThreshold(network.id),
    store.responses.listResponses(network.id, { wardCode: code, publicOnly: true })
  ]);
  if (!page) error(404, 'There is no ward with that code here.');
  const [total, ...themeCounts] = suppressedEach([page.conversations, ...page.themes.map((t) => t.conversations)], threshold);
  const themes = page.themes
    .map((t, i) => ({ themeId: t.themeId, name: t.name, value: t.conversations, count: themeCounts[i], text: countText(themeCounts[i], threshold) }))
    .sort((a, b) => b.value - a.value)
    .map(({ value: _value, ...theme }) => theme);
  const first = page.months[0]?.month;
  const last = page.months[page.months.length - 1]?.month;
  const url = `${origin}/you-said/${page.ward.code}`;
  const qr = renderSVG(url, { ecc: 'M', border: 2 });
  return {
    standalone: true as const,
    networkName: network.name,
    ward: page.ward,
    threshold,
    conversations: { count: total, text: countText(total, threshold) },
    themes,
    period: first && last ? (first === last ? monthInWords(first) : `${monthInWords(first)} to ${monthInWords(last)}`) : null,
    quotes: page.quotes.map(({ text, month }) => ({ text, month: monthInWords(month) })),
    responses: responses.map(publicResponse),
    figuresDate: new Date().toISOString(),
    url,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}`
  };
}

const publicResponse = ({ evidence: _evidence, notes, ...response }: AnchorResponse): PublicResponse => ({
  ...response,
  notes: notes.map(({ id, status, note, writtenAt }) => ({ id, status, note, writtenAt }))
});
