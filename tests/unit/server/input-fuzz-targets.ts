import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DEFAULT_PROMPTS } from '../../../src/lib/domain/prompt';
import * as account from '../../../src/routes/account/+page.server';
import * as map from '../../../src/routes/api/map/+server';
import * as audit from '../../../src/routes/audit/+page.server';
import * as records from '../../../src/routes/records/+page.server';
import * as residentRequest from '../../../src/routes/requests/[id]/+page.server';
import * as correction from '../../../src/routes/requests/[id]/correct/+page.server';
import * as boundaries from '../../../src/routes/api/boundaries/+server';
import * as history from '../../../src/routes/api/conversations/[id]/history/+server';
import * as enrol from '../../../src/routes/api/enrol/+server';
import * as pin from '../../../src/routes/api/device/workers/[id]/pin/+server';
import * as pull from '../../../src/routes/api/sync/pull/+server';
import * as push from '../../../src/routes/api/sync/push/+server';
import * as invitation from '../../../src/routes/invitation/[token]/+page.server';
import * as resetPassword from '../../../src/routes/reset-password/[token]/+page.server';
import * as settings from '../../../src/routes/settings/+page.server';
import * as devices from '../../../src/routes/settings/devices/+page.server';
import * as indicators from '../../../src/routes/settings/indicators/+page.server';
import * as people from '../../../src/routes/settings/people/+page.server';
import * as workers from '../../../src/routes/settings/workers/+page.server';
import * as signIn from '../../../src/routes/sign-in/+page.server';
import * as wardPage from '../../../src/routes/wards/[code]/+page.server';
import * as wardReport from '../../../src/routes/wards/[code]/report/+page.server';
import * as networkReport from '../../../src/routes/report/+page.server';
import * as wardFigures from '../../../src/routes/api/export/ward-figures/+server';
import * as conversationsExport from '../../../src/routes/api/export/conversations/+server';
import * as contactExport from '../../../src/routes/api/export/contact-details/+server';
import * as spreadsheetExport from '../../../src/routes/api/export/spreadsheet/+server';
import * as responsesExport from '../../../src/routes/api/export/responses/+server';
import * as progressionExport from '../../../src/routes/api/export/progression/+server';
import * as networkPdf from '../../../src/routes/api/reports/network/pdf/+server';
import * as wardPdf from '../../../src/routes/api/reports/wards/[code]/pdf/+server';
import * as whoWeHeardFrom from '../../../src/routes/who-we-heard-from/+page.server';
import * as newResponse from '../../../src/routes/responses/new/+page.server';
import * as oneResponse from '../../../src/routes/responses/[id]/+page.server';
import * as publicWardPage from '../../../src/routes/you-said/[code]/+page.server';
import * as notYetAnswered from '../../../src/routes/map/not-yet-answered/+page.server';
import * as progression from '../../../src/routes/progression/+page.server';
import * as progressionStages from '../../../src/routes/progression/stages/+page.server';
import * as progressionAssess from '../../../src/routes/progression/assess/+page.server';
import { makeConversation } from '../../support/conversations';
import { formDataOf, hostileJson, hostileString, mutatedForm, mutateJson, mutation, type FormFields } from '../../support/malformed-input';
import type { RouteCall, RouteModule } from '../../support/route-harness';
import { PASSWORD, type SeededNetwork } from '../../support/seed-network';
import { WARD_FILES } from '../../support/shared-data';

/**
 * The requests the fuzz suite sends (input-fuzz-contract.ts): for each write endpoint (and each
 * page reached by an id or a query), a valid request bent out of shape in every way
 * malformed-input.ts knows.
 */
/** The Leeds wards with a small square each: a boundary file quick to read many times over. */
export function smallBoundaryFiles() {
  const leeds = JSON.parse(readFileSync(WARD_FILES.leeds, 'utf8')) as { features: { properties: Record<string, string | number> }[] };
  const wards = leeds.features.map(({ properties: p }) => ({
    properties: { WD25CD: p.WD25CD, WD25NM: p.WD25NM, LAD25CD: p.LAD25CD, LAD25NM: p.LAD25NM },
    square: [[Number(p.LONG), Number(p.LAT)], [Number(p.LONG) + 0.001, Number(p.LAT)], [Number(p.LONG) + 0.001, Number(p.LAT) + 0.001], [Number(p.LONG), Number(p.LAT)]]
  }));
  const geojson = {
    type: 'FeatureCollection',
    features: wards.map((w) => ({ type: 'Feature', properties: w.properties, geometry: { type: 'Polygon', coordinates: [w.square] } }))
  };
  const topojson = {
    type: 'Topology',
    objects: { wards: { type: 'GeometryCollection', geometries: wards.map((w, i) => ({ type: 'Polygon', arcs: [[i]], properties: w.properties })) } },
    arcs: wards.map((w) => w.square)
  };
  return { geojson, topojson };
}

export type FuzzCall = RouteCall & { module: RouteModule };

export interface Target {
  name: string;
  /** Requests to send, each a route call (the store's state is whatever earlier ones left). */
  calls: (seeded: SeededNetwork) => fc.Arbitrary<FuzzCall>;
  /** Each request starts a parse worker thread (hundreds of ms under Vitest's TypeScript loader): fewer of them. */
  offThread?: true;
}

const cookie = (seeded: SeededNetwork, who: 'coordinator' | 'tablet'): Record<string, string> =>
  who === 'tablet' ? { al_device: seeded.tablet.credential } : { al_session: seeded.people.coordinator.session };

type Path = (string | number)[];

/** `valid` with the value at `path` replaced. */
function setAt(valid: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  parent[path.at(-1)!] = value;
  return copy;
}

/**
 * A valid JSON request bent out of shape: anywhere at random, or (half the time) at one of the
 * `focus` fields, which random places reach too rarely (a date, an id, a number bound).
 */
const jsonCall = (module: RouteModule, routeId: string, cookies: Record<string, string>, valid: unknown, focus: Path[] = []) =>
  fc
    .oneof(
      fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => mutateJson(valid, mutations)),
      ...(focus.length ? [fc.tuple(fc.constantFrom(...focus), hostileJson).map(([path, value]) => setAt(valid, path, value))] : [])
    )
    .map((json) => ({
      module,
      routeId,
      path: routeId,
      method: 'POST' as const,
      body: JSON.stringify(json),
      headers: { 'content-type': 'application/json' },
      cookies
    }));

const formCall = (module: RouteModule, routeId: string, action: string, cookies: Record<string, string>, valid: FormFields, params: Record<string, string> = {}) =>
  fc.oneof(
    { weight: 9, arbitrary: mutatedForm(valid).map((fields) => ({ body: formDataOf(fields) as BodyInit, headers: {} as Record<string, string> })) },
    // Not a form at all, though it says it is one.
    { weight: 1, arbitrary: hostileString.map((text) => ({ body: text as BodyInit, headers: { 'content-type': 'multipart/form-data; boundary=x' } })) }
  ).map(({ body, headers }) => ({ module, routeId, path: routeId, action, body, headers, cookies, params }));

export function targets(seeded: SeededNetwork, conversationId: string): Target[] {
  const { amina, ben } = seeded.workers;
  const tablet = cookie(seeded, 'tablet');
  const coordinator = cookie(seeded, 'coordinator');
  const files = smallBoundaryFiles();
  return [
    {
      name: 'push',
      calls: () =>
        fc.tuple(fc.uuid({ version: 7 }), fc.uuid({ version: 7 }), fc.uuid({ version: 7 }), fc.uuid({ version: 7 })).chain(([id, create, update, again]) => {
          const created = makeConversation({
            id,
            wardCode: 'E05011385',
            organisationId: seeded.organisations.armley.id,
            quotes: [{ text: 'The library', consentToQuote: true }],
            followUp: { wanted: true, contact: '07700 900123' }
          });
          return jsonCall(push, '/api/sync/push', tablet, {
            protocol: 2,
            kind: 'push',
            changes: [
              { op: 'create', changeId: create, workerId: amina.id, conversation: created },
              { op: 'update', changeId: update, workerId: amina.id, conversationId, baseRevision: 1, fields: { peopleCount: 3 } },
              // The same conversation created again in the batch (a create queued twice): valid, created once.
              { op: 'create', changeId: again, workerId: amina.id, conversation: { ...created } }
            ]
          }, [
            ['changes', 0, 'conversation', 'recordedAt'],
            ['changes', 0, 'conversation', 'id'],
            ['changes', 0, 'conversation', 'eventId'],
            ['changes', 0, 'conversation', 'answers', 0, 'prompt'],
            ['changes', 0, 'conversation', 'answers', 0, 'text'],
            ['changes', 0, 'conversation', 'followUp', 'contact'],
            ['changes', 0, 'changeId'],
            ['changes', 0, 'workerId'],
            ['changes', 1, 'baseRevision'],
            ['changes', 1, 'conversationId'],
            ['changes', 2, 'changeId']
          ]);
        })
    },
    {
      name: 'pull',
      calls: () => jsonCall(pull, '/api/sync/pull', tablet, { protocol: 2, kind: 'pull', workerId: amina.id, cursor: '0', limit: 10 }, [['cursor'], ['limit'], ['workerId']])
    },
    {
      name: 'conversation history',
      calls: () =>
        fc.tuple(fc.oneof(hostileString, fc.constant(conversationId)), fc.oneof(hostileString, fc.constant(amina.id))).map(([id, worker]) => ({
          module: history,
          routeId: '/api/conversations/[id]/history',
          path: `/api/conversations/x/history?${new URLSearchParams({ worker })}`,
          params: { id },
          cookies: tablet
        }))
    },
    {
      name: 'a resident’s request page',
      calls: () => hostileString.map((id) => ({ module: residentRequest, routeId: '/requests/[id]', path: '/requests/x', params: { id }, cookies: coordinator }))
    },
    {
      name: 'a resident’s request › correct',
      calls: () =>
        formCall(
          correction,
          '/requests/[id]/correct',
          'default',
          coordinator,
          { 'answer-0': 'The canal', 'answer-1': 'More buses', peopleCount: '2', 'quote-0': 'Jobs', 'quote-0-consent': 'yes' },
          { id: conversationId }
        )
    },
    {
      name: 'ward page',
      calls: () => hostileString.map((code) => ({ module: wardPage, routeId: '/wards/[code]', path: '/wards/x', params: { code }, cookies: coordinator }))
    },
    {
      name: 'ward report (a ward code and the map’s filters)',
      calls: () =>
        fc.tuple(fc.oneof(hostileString, fc.constant('E05011385')), fc.array(hostileString, { minLength: 4, maxLength: 4 })).map(([code, values]) => ({
          module: wardReport,
          routeId: '/wards/[code]/report',
          path: `/wards/x/report?${new URLSearchParams(['from', 'to', 'event', 'organisation'].map((name, i) => [name, values[i]]))}`,
          params: { code },
          cookies: coordinator
        }))
    },
    {
      name: 'ward page › choose a quote for reports',
      calls: () => formCall(wardPage, '/wards/[code]', 'chooseQuote', coordinator, { quote: `${conversationId}.1`, chosen: 'yes' }, { code: 'E05011385' })
    },
    {
      name: 'responses › new, change and update (issue 15)',
      calls: () => {
        const fields = {
          organisationId: seeded.organisations.armley.id,
          themeId: '01900000-0000-7000-8000-000000000098',
          scope: 'wards',
          wardCodes: 'E05011385',
          action: 'A jobs fair',
          'due-day': '31',
          'due-month': '3',
          'due-year': '2027',
          status: 'not-possible',
          reason: 'No hall',
          visibility: 'public',
          quotes: 'E05011385:0123456789abcdef0123456789abcdef'
        };
        return fc.oneof(
          formCall(newResponse, '/responses/new', 'default', coordinator, fields),
          fc.tuple(fc.oneof(hostileString, fc.constant('01900000-0000-7000-8000-000000000097')), fc.constantFrom('edit', 'note')).chain(([id, action]) =>
            formCall(oneResponse, '/responses/[id]', action, coordinator, action === 'edit' ? fields : { status: 'done', note: 'Done' }, { id })
          )
        );
      }
    },
    {
      name: 'progression › stages, what they mean, a self-assessment (issue 15)',
      calls: () =>
        fc.oneof(
          formCall(progressionStages, '/progression/stages', 'stages', coordinator, { 'name-1': 'Starting out', 'description-1': 'Begun', 'name-2': 'Leading', 'description-2': '' }),
          formCall(progressionStages, '/progression/stages', 'meanings', coordinator, { themeId: '01900000-0000-7000-8000-000000000098', 'meaning-1': 'A plan', 'meaning-2': '' }),
          formCall(progressionAssess, '/progression/assess', 'default', coordinator, {
            organisationId: seeded.organisations.armley.id,
            themeId: '01900000-0000-7000-8000-000000000098',
            stage: '2',
            evidence: 'Our jobs fair',
            'assessedOn-day': '1',
            'assessedOn-month': '11',
            'assessedOn-year': '2026'
          })
        )
    },
    {
      name: 'progression pages (a query)',
      calls: () =>
        hostileString.chain((value) =>
          fc.constantFrom(
            { module: progression, routeId: '/progression', path: `/progression?${new URLSearchParams({ deprived: value })}`, cookies: coordinator },
            { module: progressionAssess, routeId: '/progression/assess', path: `/progression/assess?${new URLSearchParams({ organisation: value, theme: value })}`, cookies: coordinator }
          )
        )
    },
    {
      name: 'public ward page and raised but not yet answered (a ward code, a query)',
      calls: () =>
        fc.tuple(hostileString, hostileString).chain(([code, value]) =>
          fc.constantFrom(
            { module: publicWardPage, routeId: '/you-said/[code]', path: '/you-said/x', params: { code }, cookies: {} },
            { module: notYetAnswered, routeId: '/map/not-yet-answered', path: `/map/not-yet-answered?${new URLSearchParams({ theme: value, share: value, raised: value, from: value, to: value, event: value, organisation: value, deprived: value })}`, cookies: coordinator }
          )
        )
    },
    {
      name: 'worker PIN (tablet)',
      calls: () =>
        fc.tuple(fc.oneof(hostileString, fc.constant(ben.id)), fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([id, mutations]) => ({
          module: pin,
          routeId: '/api/device/workers/[id]/pin',
          path: '/api/device/workers/x/pin',
          method: 'PUT' as const,
          params: { id },
          body: JSON.stringify(mutateJson({ pin: { salt: 'a'.repeat(32), hash: 'b'.repeat(64) } }, mutations)),
          headers: { 'content-type': 'application/json' },
          cookies: tablet
        }))
    },
    { name: 'enrol', calls: () => jsonCall(enrol, '/api/enrol', {}, { code: 'ABCD-EFGH-JKMN', appVersion: '1.0' }) },
    { name: 'settings › access', calls: () => formCall(settings, '/settings', 'access', coordinator, { idleLockMinutes: '10', leadsSeeContacts: 'on' }) },
    { name: 'settings › ward map', calls: () => formCall(settings, '/settings', 'mapMinimum', coordinator, { mapMinimumConversations: '5' }) },
    { name: 'settings › follow-up contact details', calls: () => formCall(settings, '/settings', 'contactRetention', coordinator, { contactRetentionMonths: '12' }) },
    { name: 'records › follow-up done', calls: () => formCall(records, '/records', 'followUpDone', coordinator, { conversationId: '01900000-0000-7000-8000-000000000099' }) },
    { name: 'settings › small counts', calls: () => formCall(settings, '/settings', 'smallCounts', coordinator, { suppressionThreshold: '10' }) },
    { name: 'settings › monthly summary', calls: () => formCall(settings, '/settings', 'monthlySummary', coordinator, { monthlySummary: 'on' }) },
    { name: 'settings › privacy notice', calls: () => formCall(settings, '/settings', 'privacyNotice', coordinator, { privacyNotice: 'We keep what you say safe.' }) },
    {
      name: 'settings › prompts',
      calls: () =>
        formCall(settings, '/settings', 'prompts', coordinator, {
          promptId: DEFAULT_PROMPTS.map((p) => p.id),
          promptText: DEFAULT_PROMPTS.map((p) => p.text)
        })
    },
    { name: 'settings › add event', calls: () => formCall(settings, '/settings', 'addEvent', coordinator, { name: 'Summer fair', 'date-day': '4', 'date-month': '7', 'date-year': '2026', place: 'Armley Park' }) },
    { name: 'settings › archive event', calls: () => formCall(settings, '/settings', 'archiveEvent', coordinator, { eventId: '01900000-0000-7000-8000-000000000099' }) },
    { name: 'settings › add organisation', calls: () => formCall(settings, '/settings', 'addOrganisation', coordinator, { name: 'Bramley Baths' }) },
    {
      name: 'settings › archive organisation',
      calls: () => formCall(settings, '/settings', 'archiveOrganisation', coordinator, { organisationId: '01900000-0000-7000-8000-000000000099' })
    },
    {
      name: 'settings › workers',
      calls: () =>
        fc.oneof(
          formCall(workers, '/settings/workers', 'add', coordinator, { organisationId: seeded.organisations.armley.id, name: 'Dev', pin: '4321' }),
          formCall(workers, '/settings/workers', 'setPin', coordinator, { workerId: ben.id, pin: '8642' })
        )
    },
    {
      name: 'settings › tablets',
      calls: () => formCall(devices, '/settings/devices', 'enrol', coordinator, { organisationId: seeded.organisations.armley.id, label: 'Tablet 9' })
    },
    {
      name: 'settings › people',
      calls: () =>
        fc.oneof(
          formCall(people, '/settings/people', 'invite', coordinator, { email: 'new@example.org', role: 'staff', organisationId: '' }),
          formCall(people, '/settings/people', 'changeRole', coordinator, { personId: seeded.people.staff.id, role: 'staff', organisationId: '' }),
          formCall(people, '/settings/people', 'unlock', coordinator, { personId: seeded.people.lead.id }),
          formCall(people, '/settings/people', 'withdraw', coordinator, { invitationId: 'x' })
        )
    },
    {
      name: 'settings › indicators',
      offThread: true,
      calls: () =>
        fc.tuple(fc.oneof(hostileString, fc.constant('code,value\nE05011385,12\nE05011384,3\n')), mutatedForm({ name: 'IMD rank', source: 'ONS', direction: 'lower', codeColumn: 'code', valueColumn: 'value' })).map(([csv, fields]) => ({
          module: indicators,
          routeId: '/settings/indicators',
          path: '/settings/indicators',
          action: 'upload',
          body: formDataOf(fields, { file: { text: csv, name: 'imd.csv' } }),
          cookies: coordinator
        }))
    },
    {
      name: 'boundary upload',
      offThread: true,
      calls: () =>
        fc.tuple(fc.constantFrom(files.geojson, files.topojson), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([file, mutations]) => ({
          module: boundaries,
          routeId: '/api/boundaries',
          path: '/api/boundaries',
          method: 'POST' as const,
          body: JSON.stringify(mutateJson(file, mutations)),
          cookies: coordinator
        }))
    },
    {
      name: 'sign-in',
      // From many addresses, so the fuzz reaches the checks behind the rate limit.
      calls: () =>
        fc
          .tuple(formCall(signIn, '/sign-in', 'default', {}, { email: seeded.people.staff.email, password: 'not the password' }), fc.ipV4())
          .map(([call, clientAddress]) => ({ ...call, clientAddress }))
    },
    {
      name: 'account › change password',
      calls: () =>
        formCall(account, '/account', 'changePassword', { al_session: seeded.people.staff.session }, { currentPassword: 'wrong password', newPassword: 'a new long password', newPasswordAgain: 'a new long password' })
    },
    {
      name: 'invitation and password reset links',
      calls: () =>
        fc.tuple(hostileString, fc.boolean()).chain(([token, isInvitation]) =>
          isInvitation
            ? formCall(invitation, '/invitation/[token]', 'default', {}, { name: 'Nia', password: PASSWORD, passwordAgain: PASSWORD }, { token })
            : formCall(resetPassword, '/reset-password/[token]', 'default', {}, { password: PASSWORD, passwordAgain: PASSWORD }, { token })
        )
    },
    {
      name: 'pages and API reads with a query string (audit, records, map, ward figures, network report, workers, who we heard from)',
      calls: () =>
        fc
          .tuple(
            fc.constantFrom(
              { module: audit, routeId: '/audit', names: ['action', 'who', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'before'] },
              { module: records, routeId: '/records', names: ['older'] },
              { module: map, routeId: '/api/map', names: ['theme', 'from', 'to', 'event', 'organisation', 'deprived'] },
              { module: wardFigures, routeId: '/api/export/ward-figures', names: ['theme', 'from', 'to', 'event', 'organisation', 'deprived'] },
              { module: networkReport, routeId: '/report', names: ['from', 'to', 'event', 'organisation', 'deprived'] },
              { module: workers, routeId: '/settings/workers', names: ['organisation'] },
              { module: whoWeHeardFrom, routeId: '/who-we-heard-from', names: ['scope', 'breakdown'] }
            ),
            fc.array(hostileString, { minLength: 9, maxLength: 9 })
          )
          .map(([route, values]) => ({
            module: route.module,
            routeId: route.routeId,
            path: `${route.routeId}?${new URLSearchParams(route.names.map((name, i) => [name, values[i]]))}`,
            cookies: coordinator
          }))
    },
    {
      name: 'exports and PDF reports (issue 14: a query string, names repeated)',
      calls: () => {
        const routes = [
          { module: conversationsExport, routeId: '/api/export/conversations' },
          { module: contactExport, routeId: '/api/export/contact-details' },
          { module: spreadsheetExport, routeId: '/api/export/spreadsheet' },
          { module: responsesExport, routeId: '/api/export/responses' },
          { module: progressionExport, routeId: '/api/export/progression' },
          { module: wardFigures, routeId: '/api/export/ward-figures' },
          { module: networkPdf, routeId: '/api/reports/network/pdf' },
          { module: wardPdf, routeId: '/api/reports/wards/[code]/pdf' }
        ];
        const names = ['theme', 'from', 'to', 'event', 'organisation', 'deprived', 'wards', 'format', 'which'];
        // Values that pass, so a request gets past one filter to the next, and the export is read.
        const plausible = fc.constantFrom(
          '', '2026-01-01', '2026-12-31', '2025-02-28', seeded.organisations.armley.id, 'E05011385', 'E05011385,E05011386', 'csv', 'excel', 'all', 'current', 'xlsx'
        );
        // Many wards in one value: past the most an export takes, and one very long value.
        const manyWards = fc.integer({ min: 400, max: 2_000 }).map((n) => Array.from({ length: n }, (_, i) => `E0${String(5_000_000 + i)}`).join(','));
        const value = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: manyWards });
        return fc
          .tuple(fc.constantFrom(...routes), fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 12 }), fc.oneof(hostileString, fc.constant('E05011385')))
          .map(([route, pairs, code]): FuzzCall => ({
            module: route.module,
            routeId: route.routeId,
            path: `${route.routeId.replace('[code]', 'x')}?${new URLSearchParams(pairs)}`,
            params: route.routeId.includes('[code]') ? { code } : {},
            cookies: coordinator
          }));
      }
    },
    {
      name: 'invitation and password reset pages',
      calls: () =>
        fc.tuple(hostileString, fc.boolean()).map(([token, isInvitation]) =>
          isInvitation
            ? { module: invitation, routeId: '/invitation/[token]', path: '/invitation/x', params: { token } }
            : { module: resetPassword, routeId: '/reset-password/[token]', path: '/reset-password/x', params: { token } }
        )
    }
  ];
}

