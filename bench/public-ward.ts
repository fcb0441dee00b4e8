/**
 * What the public "You said, we did" page of a ward (issue 15) shows when a network has been
 * listening for a while: Armley's conversations over several themes (one below the small-count
 * threshold, so a suppressed count is on the page), consented quotes and one not, and anchors'
 * responses — public ones with a cited quote and a dated note, and one kept within the network
 * that must not appear. Written straight into the store, before the server starts (PGlite allows
 * one process per data directory); the network's public ward pages are on, as they are by default.
 */
import { createHash } from 'node:crypto';
import type { ResponseFields } from '../src/lib/domain/response';
import { openStore } from '../src/lib/server/store';
import type { AppServer } from '../tests/support/app-server';
import { makeConversation } from '../tests/support/conversations';
import { pushedBy } from '../tests/support/recorder';
import type { SeededNetwork } from '../tests/support/seed-network';

export const PUBLIC_WARD = 'E05011385'; // Armley, in the Leeds network the benchmarks seed

const QUOTES = [
  'We need proper jobs round here, not just zero-hours shifts',
  'The buses stop before the late shift ends',
  'The GP surgery is booked up weeks ahead',
  'The park by the canal is lovely but the lights are broken',
  'My kids have nowhere to go after school',
  'The community centre is the heart of this place'
];

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Armley's conversations and responses as above; the page's path. */
export async function seedPublicWard(server: AppServer, seeded: SeededNetwork): Promise<string> {
  const store = await openStore(server.storeConfig);
  try {
    const networkId = seeded.network.id;
    const themes = (await store.getReferenceData())!.themes.map((t) => t.id);
    const recorder = { organisationId: seeded.organisations.armley.id, workerId: seeded.workers.amina.id };
    // 80 conversations: every theme but the last well above the threshold; the last on 3 (suppressed).
    const conversations = Array.from({ length: 80 }, (_, i) =>
      makeConversation({
        wardCode: PUBLIC_WARD,
        recordedAt: new Date(Date.UTC(2026, 8, 1) + i * 18 * 3_600_000).toISOString(),
        themeIds: themes.slice(0, -1).filter((_, t) => (i + t) % (t + 2) === 0).concat(i < 3 ? [themes[themes.length - 1]] : []),
        quotes: i < QUOTES.length ? [{ text: QUOTES[i], consentToQuote: true }] : i % 10 === 0 ? [{ text: 'Keep this between us', consentToQuote: false }] : []
      })
    );
    await store.applyChanges(pushedBy(recorder, networkId, conversations, seeded.tablet.id));

    const author = { id: seeded.people.staff.id, name: seeded.people.staff.name };
    const base = { organisationId: recorder.organisationId, wholeNetwork: false, wardCodes: [PUBLIC_WARD], dueBy: '2027-03-31', visibility: 'public' } satisfies Partial<ResponseFields>;
    const responses: ResponseFields[] = [
      { ...base, themeId: themes[0], action: 'A jobs fair at Armley library, with local employers and the college', status: 'under-way', quotes: [{ wardCode: PUBLIC_WARD, digest: md5(QUOTES[0]) }] },
      { ...base, themeId: themes[1], action: 'Ask the health centre to open two evenings a week', status: 'planned', quotes: [{ wardCode: PUBLIC_WARD, digest: md5(QUOTES[2]) }] },
      { ...base, themeId: themes[2], action: 'Mend the lights along the canal path', status: 'done', quotes: [] },
      // Kept within the network: the page must not show it.
      { ...base, themeId: themes[0], action: 'Talk to the council about the bus timetable', status: 'planned', visibility: 'network', quotes: [] }
    ];
    const ids: string[] = [];
    for (const fields of responses) {
      const made = await store.responses.createResponse(networkId, fields, author);
      if (!made.ok) throw new Error(`The bench's response was refused: ${made.reason}`);
      ids.push(made.id);
    }
    await store.responses.addResponseNote(networkId, ids[0], { status: 'under-way', note: 'Twelve employers have said they will come; the fair is on 14 February.' }, author);
    return `/you-said/${PUBLIC_WARD}`;
  } finally {
    await store.close();
  }
}

/**
 * Throws unless the page served is the one seeded, whole and as residents must see it: so the
 * figure is never that of an error page, or of a page that shows what it must not.
 */
export function checkPublicWardPage(html: string): void {
  const must = ['You said, we did: Armley', 'A jobs fair at Armley library', 'Mend the lights along the canal path', QUOTES[0], '/poster'];
  const mustNot = ['Talk to the council about the bus timetable', 'Keep this between us', '<script'];
  const missing = must.filter((text) => !html.includes(text));
  // The theme on 3 conversations, in the table as the small-count rule writes it.
  if (!/>fewer than \d+<\/td>/.test(html)) missing.push('a suppressed count');
  const present = mustNot.filter((text) => html.includes(text));
  if (missing.length || present.length) {
    throw new Error(`The public ward page is not as seeded: missing ${JSON.stringify(missing)}, showing ${JSON.stringify(present)}`);
  }
}
