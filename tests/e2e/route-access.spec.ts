import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uuidv7 } from 'uuidv7';
import { makeConversation } from '../support/conversations';
import { PASSWORD, type SeededNetwork } from '../support/seed-network';
import { snapshotDatabase } from '../support/server-database';
import { WARD_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';

/**
 * The route × role matrix (issue 10), built from the route files themselves: every page, form
 * action and endpoint, asked by everyone who might ask, gets the answer the access rules give.
 * A route file with no entry here fails the test, so no route ships without a decision. The
 * table is written out by hand on purpose: it states the rules independently of PAGE_ACCESS and
 * the guards, which it checks.
 */

const ROLES = ['anonymous', 'revoked', 'device', 'staff', 'lead', 'coordinator'] as const;
type Role = (typeof ROLES)[number];

/**
 * What a caller gets. Pages and form actions: `ok` (served or done), `sign-in` or `enrol` (sent
 * there by the guard), `home` (sent to the start page), `forbidden` (403). Endpoints: `ok`
 * (admitted: anything but 401 and 403), `unauthorised` (401), `forbidden` (403).
 */
type Outcome = 'ok' | 'sign-in' | 'enrol' | 'home' | 'forbidden' | 'unauthorised';

const everyone = (outcome: Outcome): Record<Role, Outcome> => Object.fromEntries(ROLES.map((role) => [role, outcome])) as Record<Role, Outcome>;
const PUBLIC = everyone('ok');
/** A tablet's pages are shells with no data: a revoked tablet gets them, to learn it was revoked. */
const DEVICE_PAGE = { anonymous: 'enrol', revoked: 'ok', device: 'ok', staff: 'forbidden', lead: 'forbidden', coordinator: 'forbidden' } as const;
const PEOPLE_PAGE = { anonymous: 'sign-in', revoked: 'forbidden', device: 'forbidden', staff: 'ok', lead: 'ok', coordinator: 'ok' } as const;
const MANAGERS_PAGE = { ...PEOPLE_PAGE, staff: 'forbidden' } as const;
const COORDINATOR_PAGE = { ...MANAGERS_PAGE, lead: 'forbidden' } as const;
/** Equality-monitoring totals: coordinators and anchor staff, not organisation leads (docs/ROLES.md). */
const EQUALITY_TOTALS_PAGE = { ...PEOPLE_PAGE, lead: 'forbidden' } as const;
/** Ward reports and ward figures for GIS (issue 14): coordinators and anchor staff take them to boards and GIS teams. */
const REPORT_PAGE = { ...PEOPLE_PAGE, lead: 'forbidden' } as const;
/** "You said, we did" (issue 15): coordinators and anchor staff respond; leads read responses on ward pages. */
const RESPONSES_PAGE = { ...PEOPLE_PAGE, lead: 'forbidden' } as const;
const SIGNED_IN_API = { anonymous: 'unauthorised', revoked: 'forbidden', device: 'ok', staff: 'ok', lead: 'ok', coordinator: 'ok' } as const;
const PEOPLE_API = { ...SIGNED_IN_API, device: 'forbidden' } as const;
const COORDINATOR_API = { ...PEOPLE_API, staff: 'forbidden', lead: 'forbidden' } as const;
const REPORT_API = { ...PEOPLE_API, lead: 'forbidden' } as const;
const DEVICE_API = { anonymous: 'unauthorised', revoked: 'forbidden', device: 'ok', staff: 'forbidden', lead: 'forbidden', coordinator: 'forbidden' } as const;

interface PageEntry {
  /** Who may open the page (and so post its forms). */
  page: Record<Role, Outcome>;
  /** Its form actions; they answer as the page does unless given here. */
  actions?: Record<string, Record<Role, Outcome> | 'as-page'>;
}

interface EndpointEntry {
  methods: Record<string, Record<Role, Outcome>>;
}

/** Every page route and what each caller gets; signed-in people are sent on from sign-in, and everyone from set-up once it is done. */
const PAGES: Record<string, PageEntry> = {
  '/': { page: PUBLIC },
  '/sign-in': { page: { ...PUBLIC, staff: 'home', lead: 'home', coordinator: 'home' }, actions: { default: PUBLIC } },
  '/invitation/[token]': { page: PUBLIC, actions: { default: PUBLIC } },
  '/reset-password': { page: PUBLIC, actions: { default: PUBLIC } },
  '/reset-password/[token]': { page: PUBLIC, actions: { default: PUBLIC } },
  '/enrol': { page: PUBLIC },
  '/privacy': { page: PUBLIC },
  // Once set up, set-up sends everyone on; posting it again is refused by the store (a second network).
  '/setup': { page: everyone('home'), actions: { default: PUBLIC } },
  '/capture': { page: DEVICE_PAGE },
  '/conversations': { page: DEVICE_PAGE },
  '/conversations/[id]': { page: DEVICE_PAGE },
  '/device': { page: DEVICE_PAGE },
  // Issue 13: cards carry nothing about a resident, so a revoked tablet's shell gets them as it gets its other pages.
  '/thank-you-cards': { page: { anonymous: 'sign-in', revoked: 'ok', device: 'ok', staff: 'forbidden', lead: 'ok', coordinator: 'ok' } },
  '/map': { page: PEOPLE_PAGE },
  '/wards': { page: PEOPLE_PAGE },
  // Issue 14: everyone who may open a ward's page reads its quotes; only a coordinator chooses them for reports.
  '/wards/[code]': { page: PEOPLE_PAGE, actions: { chooseQuote: COORDINATOR_PAGE } },
  '/wards/[code]/report': { page: REPORT_PAGE },
  // Issue 15: coordinators and anchor staff respond (staff for their organisation: checked in the
  // actions, which refuse with 403 a response of another organisation); leads read responses on ward pages.
  '/responses': { page: RESPONSES_PAGE },
  '/responses/new': { page: RESPONSES_PAGE, actions: { default: 'as-page' } },
  '/responses/[id]': { page: RESPONSES_PAGE, actions: { edit: 'as-page', note: 'as-page' } },
  '/map/not-yet-answered': { page: PEOPLE_PAGE },
  // Issue 15, point 4: everyone signed in reads the network view (aggregates); coordinators and
  // anchor staff self-assess (staff for their own organisation: the action refuses with 403 a
  // form naming another); only coordinators change the stages.
  '/progression': { page: PEOPLE_PAGE },
  '/progression/assess': { page: RESPONSES_PAGE, actions: { default: 'as-page' } },
  '/progression/stages': { page: COORDINATOR_PAGE, actions: { stages: 'as-page', meanings: 'as-page' } },
  // Issue 15: residents open these from a poster, signed in or not.
  '/you-said/[code]': { page: PUBLIC },
  '/you-said/[code]/poster': { page: PUBLIC },
  '/report': { page: REPORT_PAGE },
  '/who-we-heard-from': { page: EQUALITY_TOTALS_PAGE },
  '/account': { page: PEOPLE_PAGE, actions: { signOut: 'as-page', signOutEverywhere: 'as-page', changePassword: 'as-page' } },
  '/records': { page: MANAGERS_PAGE, actions: { followUpDone: 'as-page' } },
  '/settings/workers': { page: MANAGERS_PAGE, actions: { add: 'as-page', setPin: 'as-page', remove: 'as-page' } },
  '/settings/devices': { page: MANAGERS_PAGE, actions: { enrol: 'as-page', retire: 'as-page', lost: 'as-page' } },
  '/settings': {
    page: COORDINATOR_PAGE,
    actions: Object.fromEntries(
      ['access', 'mapMinimum', 'contactRetention', 'smallCounts', 'monthlySummary', 'publicPages', 'privacyNotice', 'residentContact', 'prompts', 'addEvent', 'archiveEvent', 'addOrganisation', 'archiveOrganisation'].map((a) => [a, 'as-page' as const])
    )
  },
  '/settings/people': {
    page: COORDINATOR_PAGE,
    actions: Object.fromEntries(['invite', 'withdraw', 'changeRole', 'deactivate', 'reactivate', 'unlock', 'resetLink'].map((a) => [a, 'as-page' as const]))
  },
  '/settings/boundaries': { page: COORDINATOR_PAGE },
  '/settings/indicators': { page: COORDINATOR_PAGE, actions: { upload: 'as-page', remove: 'as-page' } },
  // Issue 14: coordinators make every export; anchor staff see the page for the aggregate exports only.
  '/export': { page: { ...PEOPLE_PAGE, lead: 'forbidden' } },
  '/audit': { page: COORDINATOR_PAGE },
  '/requests/[id]': { page: COORDINATOR_PAGE, actions: { erase: 'as-page', withdrawEquality: 'as-page' } },
  '/requests/[id]/correct': { page: COORDINATOR_PAGE, actions: { default: 'as-page' } },
  '/requests/[id]/copy': { page: COORDINATOR_PAGE }
};

const ENDPOINTS: Record<string, EndpointEntry> = {
  '/api/session': { methods: { GET: PUBLIC } },
  '/api/enrol': { methods: { POST: PUBLIC } },
  '/api/reference': { methods: { GET: SIGNED_IN_API } },
  '/api/reference/boundaries': { methods: { GET: SIGNED_IN_API } },
  '/api/map': { methods: { GET: PEOPLE_API } },
  '/api/map/tiles': { methods: { GET: PEOPLE_API } },
  '/api/map/answered': { methods: { GET: PEOPLE_API } },
  '/api/indicators': { methods: { GET: PEOPLE_API } },
  '/api/boundaries': { methods: { POST: COORDINATOR_API } },
  '/api/export/conversations': { methods: { GET: COORDINATOR_API } },
  '/api/export/contact-details': { methods: { GET: COORDINATOR_API } },
  '/api/sync/push': { methods: { POST: DEVICE_API } },
  '/api/sync/pull': { methods: { POST: DEVICE_API } },
  '/api/device/roster': { methods: { GET: DEVICE_API } },
  '/api/device/workers/[id]/pin': { methods: { POST: DEVICE_API } },
  '/api/conversations/[id]/history': { methods: { GET: DEVICE_API } },
  '/api/export/ward-figures': { methods: { GET: REPORT_API } },
  // Issues 14 and 15: anchor staff's spreadsheet holds the figures and responses only (no Conversations sheet).
  '/api/export/spreadsheet': { methods: { GET: REPORT_API } },
  '/api/export/responses': { methods: { GET: REPORT_API } },
  '/api/export/progression': { methods: { GET: REPORT_API } },
  '/api/reports/wards/[code]/pdf': { methods: { GET: REPORT_API } },
  '/api/reports/network/pdf': { methods: { GET: REPORT_API } }
};

// The route files, as SvelteKit sees them ----------------------------------------------------

const ROUTES_DIR = fileURLToPath(new URL('../../src/routes', import.meta.url));

function routeFiles(dir = ROUTES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? routeFiles(join(dir, entry.name)) : entry.name.startsWith('+') ? [join(dir, entry.name)] : []
  );
}

const routeIdOf = (file: string) => `/${relative(ROUTES_DIR, file).split(sep).slice(0, -1).join('/')}`.replace(/\/$/, '') || '/';

/** The form actions a +page.server.ts exports (the keys of its `actions` object). */
function actionsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const start = source.indexOf('export const actions');
  if (start < 0) return [];
  const block = source.slice(start, source.indexOf('\n};', start));
  return [...block.matchAll(/^ {2}([A-Za-z]+): /gm)].map((match) => match[1]);
}

/** The HTTP methods a +server.ts exports. */
const methodsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);

test('every route file has a decision in the matrix', () => {
  const files = routeFiles();
  const pages = files.filter((f) => f.endsWith('+page.svelte')).map(routeIdOf).sort();
  expect(pages, 'pages without an entry').toEqual(Object.keys(PAGES).sort());
  for (const file of files.filter((f) => f.endsWith('+page.server.ts'))) {
    const declared = Object.keys(PAGES[routeIdOf(file)]?.actions ?? {}).sort();
    expect(actionsOf(file).sort(), `form actions of ${routeIdOf(file)}`).toEqual(declared);
  }
  const endpoints = files.filter((f) => f.endsWith('+server.ts'));
  expect(endpoints.map(routeIdOf).sort(), 'endpoints without an entry').toEqual(Object.keys(ENDPOINTS).sort());
  for (const file of endpoints) expect(methodsOf(file).sort(), `methods of ${routeIdOf(file)}`).toEqual(Object.keys(ENDPOINTS[routeIdOf(file)].methods).sort());
});

// Asking ---------------------------------------------------------------------------------------

interface Ask {
  what: string;
  path: string;
  /** For a page with a server load: where the browser asks for its data (SvelteKit's __data.json). */
  dataPath?: string;
  method: string;
  body?: string;
  contentType?: string;
  expected: Record<Role, Outcome>;
  kind: 'page' | 'endpoint';
}

/** Concrete addresses for routes with parameters. */
function pathOf(routeId: string, seeded: SeededNetwork): string {
  return routeId
    .replace('/wards/[code]', '/wards/E05011385')
    .replace('/conversations/[id]', `/conversations/${uuidv7()}`)
    .replace('/requests/[id]', `/requests/${uuidv7()}`)
    .replace('/responses/[id]', `/responses/${uuidv7()}`)
    .replace('[code]', 'E05011385')
    .replace('/workers/[id]', `/workers/${seeded.workers.amina.id}`)
    .replace('[token]', 'not-a-real-token');
}

/**
 * What every form sends: fields that would change something on every form if the caller were
 * let in (names, emails, settings), and ids of nothing, so an admitted caller changes no one
 * else's access while the matrix runs.
 */
function formBody(seeded: SeededNetwork): string {
  return new URLSearchParams({
    name: 'Matrix',
    email: 'matrix@example.org',
    role: 'staff',
    organisationId: seeded.organisations.armley.id,
    label: 'Matrix tablet',
    pin: '1234',
    workerId: uuidv7(),
    deviceId: uuidv7(),
    personId: uuidv7(),
    eventId: uuidv7(),
    indicatorId: uuidv7(),
    privacyNotice: 'Changed by a request that should have been refused.',
    idleLockMinutes: '5',
    mapMinimumConversations: '7',
    suppressionThreshold: '7',
    date: '2026-12-01',
    place: 'Nowhere',
    promptText: 'Changed?',
    password: 'matrix matrix matrix',
    passwordAgain: 'matrix matrix matrix'
  }).toString();
}

function endpointBody(path: string, seeded: SeededNetwork): string | undefined {
  if (path === '/api/sync/push') {
    const conversation = makeConversation({ wardCode: 'E05011385', organisationId: seeded.organisations.armley.id });
    return JSON.stringify({ protocol: 2, kind: 'push', changes: [{ op: 'create', changeId: uuidv7(), workerId: seeded.workers.amina.id, conversation }] });
  }
  if (path === '/api/sync/pull') return JSON.stringify({ protocol: 2, kind: 'pull', workerId: seeded.workers.amina.id, cursor: '0' });
  if (path === '/api/boundaries') return readFileSync(WARD_FILES.leeds, 'utf8');
  if (path === '/api/enrol') return JSON.stringify({ code: 'AAAA-BBBB-CCCC' });
  if (path.endsWith('/pin')) return JSON.stringify({ pin: '1234' });
  return undefined;
}

/** Routes whose page has a server load: the page is a shell (ssr is off) and the load answers its data request. */
const withLoads = new Set(routeFiles().filter((f) => f.endsWith('+page.server.ts')).map(routeIdOf));

function asks(seeded: SeededNetwork): Ask[] {
  const all: Ask[] = [];
  for (const [routeId, entry] of Object.entries(PAGES)) {
    const path = pathOf(routeId, seeded);
    const dataPath = withLoads.has(routeId) ? `${path === '/' ? '' : path}/__data.json` : undefined;
    all.push({ what: `GET ${routeId}`, path, dataPath, method: 'GET', expected: entry.page, kind: 'page' });
    for (const [action, expected] of Object.entries(entry.actions ?? {})) {
      all.push({
        what: `POST ${routeId} ?/${action}`,
        path: action === 'default' ? path : `${path}?/${action}`,
        method: 'POST',
        body: formBody(seeded),
        contentType: 'application/x-www-form-urlencoded',
        expected: expected === 'as-page' ? entry.page : expected,
        kind: 'page'
      });
    }
  }
  for (const [routeId, entry] of Object.entries(ENDPOINTS)) {
    for (const [method, expected] of Object.entries(entry.methods)) {
      let path = pathOf(routeId, seeded);
      if (routeId === '/api/conversations/[id]/history') path = `/api/conversations/${uuidv7()}/history?worker=${seeded.workers.amina.id}`;
      if (routeId === '/api/map' || routeId === '/api/map/answered') path = `${routeId}?theme=${uuidv7()}`;
      const body = method === 'GET' ? undefined : endpointBody(routeId, seeded);
      all.push({ what: `${method} ${routeId}`, path, method, body, contentType: 'application/json', expected, kind: 'endpoint' });
    }
  }
  // Signing out and changing passwords last: they end the asker's own session.
  return all.sort((a, b) => Number(a.path.startsWith('/account?/')) - Number(b.path.startsWith('/account?/')));
}

function cookieOf(role: Role, seeded: SeededNetwork): string {
  switch (role) {
    case 'anonymous':
      return '';
    case 'revoked':
      return `al_device=${seeded.revokedTablet.credential}`;
    case 'device':
      return `al_device=${seeded.tablet.credential}`;
    default:
      return `al_session=${seeded.people[role].session}`;
  }
}

/** Signs a person in again through the sign-in form (after a request that signed them out); their new cookie. */
async function signInAgain(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD })
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('al_session='));
  if (!cookie) throw new Error(`${email} could not sign in again (${response.status})`);
  return cookie.split(';')[0];
}

async function outcomeOf(url: string, ask: Ask, cookie: string): Promise<{ outcome: Outcome | `other ${number}`; status: number }> {
  const page = await answerOf(url, ask, cookie);
  if (page.outcome !== 'ok' || !ask.dataPath) return page;
  // The shell was served: what decides is its data, which the app asks for next.
  const data = await fetch(`${url}${ask.dataPath}`, { headers: cookie ? { cookie } : {} });
  const body = (await data.json().catch(() => null)) as { type?: string; location?: string } | null;
  if (data.status === 403) return { outcome: 'forbidden', status: 403 };
  if (body?.type === 'redirect' && body.location?.startsWith('/sign-in?next=')) return { outcome: 'sign-in', status: data.status };
  if (body?.type === 'redirect' && body.location === '/enrol') return { outcome: 'enrol', status: data.status };
  if (body?.type === 'redirect' && body.location === '/') return { outcome: 'home', status: data.status };
  return { outcome: data.status < 500 ? 'ok' : `other ${data.status}`, status: data.status };
}

async function answerOf(url: string, ask: Ask, cookie: string): Promise<{ outcome: Outcome | `other ${number}`; status: number }> {
  const response = await fetch(`${url}${ask.path}`, {
    method: ask.method,
    redirect: 'manual',
    headers: {
      accept: ask.kind === 'page' ? 'text/html' : 'application/json',
      origin: url,
      ...(cookie ? { cookie } : {}),
      ...(ask.body ? { 'content-type': ask.contentType! } : {})
    },
    body: ask.body
  });
  await response.arrayBuffer();
  const { status } = response;
  const location = response.headers.get('location') ?? '';
  if (status === 401) return { outcome: 'unauthorised', status };
  if (status === 403) return { outcome: 'forbidden', status };
  if (ask.kind === 'page' && status === 303 && location.startsWith('/sign-in?next=')) return { outcome: 'sign-in', status };
  if (ask.kind === 'page' && status === 303 && location === '/enrol') return { outcome: 'enrol', status };
  if (ask.kind === 'page' && status === 303 && location === '/') return { outcome: 'home', status };
  return { outcome: status < 500 ? 'ok' : `other ${status}`, status };
}

test('every page, form action and endpoint answers each caller as the access rules say; refused callers change nothing', async ({ server, seeded }) => {
  test.setTimeout(240_000);
  const all = asks(seeded);
  const mismatches: string[] = [];
  const ask = async (role: Role, requests: Ask[]) => {
    let cookie = cookieOf(role, seeded);
    for (const request of requests) {
      const { outcome, status } = await outcomeOf(server.url, request, cookie);
      if (outcome !== request.expected[role]) mismatches.push(`${role}: ${request.what} → ${outcome} (${status}), expected ${request.expected[role]}`);
      // Signing out (here or everywhere) and changing the password end the asker's session.
      if (request.path.startsWith('/account?/') && role !== 'anonymous' && role !== 'revoked' && role !== 'device') {
        cookie = await signInAgain(server.url, seeded.people[role].email);
      }
    }
  };

  // Nobody signed in, and a tablet reported lost, at every route that is not public: refused, and
  // the database is exactly as it was, though every request would have changed it had it been let in.
  const isPublic = (request: Ask) => ['ok', 'home'].includes(request.expected.anonymous);
  const before = await snapshotDatabase(server);
  await ask('anonymous', all.filter((request) => !isPublic(request)));
  await ask('revoked', all.filter((request) => !isPublic(request)));
  expect(await snapshotDatabase(server)).toEqual(before);
  await ask('anonymous', all.filter(isPublic));
  await ask('revoked', all.filter(isPublic));
  for (const role of ['device', 'staff', 'lead', 'coordinator'] as const) await ask(role, all);
  expect(mismatches).toEqual([]);
});
