import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import type { Store } from '../../../src/lib/server/store';
import * as newResponse from '../../../src/routes/responses/new/+page.server';
import * as oneResponse from '../../../src/routes/responses/[id]/+page.server';
import { snapshotDatabase } from '../../support/database-snapshot';
import { callRoute } from '../../support/route-harness';
import { newSession, PASSWORD, seedNetwork, type SeededNetwork } from '../../support/seed-network';
import { hashPassword } from '../../../src/lib/server/auth/passwords';

/**
 * Who may respond and change a response (issue 15), through the routes as SvelteKit calls them:
 * anchor staff for their own organisation only, whatever the form says; a refusal changes nothing;
 * every change audited without the response's words.
 */
describe('responses’ form actions', () => {
  let db: SqlDatabase;
  let store: Store;
  let seeded: SeededNetwork;
  let armleyStaff: string;
  let chapeltownResponse: string;
  let themeId: string;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const fields = () => ({
    organisationId: seeded.organisations.chapeltown.id,
    themeId,
    scope: 'wards',
    wardCodes: 'E05011385',
    action: 'Secret plan words',
    'due-day': '31',
    'due-month': '3',
    'due-year': '2027',
    status: 'planned',
    visibility: 'public'
  });

  beforeAll(async () => {
    db = await openPgliteDatabase();
    await migrate(db);
    store = createSqlStore(db);
    seeded = await seedNetwork(store);
    themeId = (await store.getReferenceData())!.themes[0].id;
    const person = await store.accounts.createPerson(seeded.network.id, {
      email: 'ada@armley.example',
      name: 'Ada Anchor',
      role: 'staff',
      organisationId: seeded.organisations.armley.id,
      passwordHash: await hashPassword(PASSWORD)
    });
    armleyStaff = await newSession(store, person.id);
    const made = await store.responses.createResponse(
      seeded.network.id,
      { ...fields(), organisationId: seeded.organisations.chapeltown.id, wholeNetwork: false, wardCodes: ['E05011385'], dueBy: '2027-03-31', status: 'planned', visibility: 'public', quotes: [], action: 'Chapeltown’s plan' },
      { id: seeded.people.coordinator.id, name: 'Cora Coordinator' }
    );
    chapeltownResponse = made.ok ? made.id : '';
  });
  afterAll(() => db.close());

  it('refuses anchor staff another organisation’s response, changing nothing', async () => {
    const before = await snapshotDatabase(db);
    for (const action of ['edit', 'note']) {
      const answer = await callRoute(store, oneResponse, {
        routeId: '/responses/[id]',
        path: `/responses/${chapeltownResponse}`,
        params: { id: chapeltownResponse },
        action,
        body: form(action === 'edit' ? fields() : { status: 'done', note: 'Done' }),
        headers,
        cookies: { al_session: armleyStaff }
      });
      expect(answer.status, action).toBe(403);
    }
    // A lead may not respond at all; anchor staff with no organisation are told why.
    const lead = await callRoute(store, newResponse, { routeId: '/responses/new', path: '/responses/new', action: 'default', body: form(fields()), headers, cookies: { al_session: seeded.people.lead.session } });
    expect(lead.status).toBe(403);
    const noOrganisation = await callRoute(store, newResponse, { routeId: '/responses/new', path: '/responses/new', action: 'default', body: form(fields()), headers, cookies: { al_session: seeded.people.staff.session } });
    expect(noOrganisation.status).toBe(409);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('makes anchor staff’s response their own organisation’s whatever the form names, and audits it without its words', async () => {
    const answer = await callRoute(store, newResponse, { routeId: '/responses/new', path: '/responses/new', action: 'default', body: form(fields()), headers, cookies: { al_session: armleyStaff } });
    expect(answer.status).toBe(303);
    const mine = (await store.responses.listResponses(seeded.network.id)).find((r) => r.action === 'Secret plan words')!;
    expect(mine.organisationId).toBe(seeded.organisations.armley.id);
    const [entry] = await store.audit.list(seeded.network.id, { action: 'response-created' }, { before: null, limit: 10 });
    expect(entry).toMatchObject({ action: 'response-created', subject: `Response ${mine.id}`, actor: { name: 'Ada Anchor' } });
    expect(JSON.stringify(entry)).not.toContain('Secret plan words');

    const note = await callRoute(store, oneResponse, {
      routeId: '/responses/[id]',
      path: `/responses/${mine.id}`,
      params: { id: mine.id },
      action: 'note',
      body: form({ status: 'not-possible', note: 'The hall closed' }),
      headers,
      cookies: { al_session: armleyStaff }
    });
    expect(note.status, 'not possible needs a reason').toBe(400);
    expect((await store.responses.getResponse(seeded.network.id, mine.id))!.notes).toEqual([]);
  });
});
