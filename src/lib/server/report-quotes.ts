import { error, fail } from '@sveltejs/kit';
import { QuoteKey } from '$lib/domain/ward-page';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import { readForm } from './form-data';
import type { Store } from './store';

/**
 * The ward page's `?/chooseQuote` (issue 14): a coordinator marks a consented quote as chosen for
 * printed reports, or takes the mark off. Anyone else may open the page but not do this. Audited
 * by ward, never with the quote's words.
 */
export async function chooseQuoteForReports(store: Store, caller: PersonCaller, wardCode: string, request: Request) {
  if (caller.person.role !== 'coordinator') error(403, 'Only a coordinator chooses quotes for reports.');
  const form = await readForm(request);
  const key = QuoteKey.exec(String(form.get('quote') ?? ''));
  const chosen = form.get('chosen');
  if (!key || (chosen !== 'yes' && chosen !== 'no')) return fail(400, { quoteMessage: 'That quote could not be found. Reload the page and try again.' });
  const done = await store.reports.chooseQuote(caller.network.id, { conversationId: key[1], position: Number(key[2]) }, chosen === 'yes', caller.person.id);
  if (!done) return fail(404, { quoteMessage: 'That quote is no longer there to choose: it may have been corrected or erased.' });
  await audit(store, caller, 'settings-changed', `${chosen === 'yes' ? 'Quote chosen for reports' : 'Quote no longer chosen for reports'}: ward ${wardCode}`);
  return { quoteMessage: chosen === 'yes' ? 'Chosen for reports.' : 'No longer chosen for reports.' };
}
