import { uuidv7 } from 'uuidv7';
import type { PersonRole } from '../../src/lib/domain/access';
import type { Network } from '../../src/lib/domain/network';
import type { Organisation } from '../../src/lib/domain/organisation';
import { hashPin } from '../../src/lib/domain/worker-pin';
import { hashPassword } from '../../src/lib/server/auth/passwords';
import { hashSecret, newEnrolmentCode, newToken } from '../../src/lib/server/auth/secrets';
import { SESSION_ABSOLUTE_DAYS, SESSION_IDLE_DAYS } from '../../src/lib/server/auth/sessions';
import { openStore, type Store } from '../../src/lib/server/store';
import type { AppServer } from './app-server';
import { networkSetupFromFile, WARD_FILES } from './shared-data';

/**
 * A network as tests need it, made straight in the store: people of every role with a password
 * and a live session, two organisations, workers with PINs and an enrolled tablet. Tests then
 * act as any of them by cookie (`al_session`, `al_device`) without going through the pages.
 */
export interface SeededPerson {
  id: string;
  name: string;
  email: string;
  password: string;
  role: PersonRole;
  /** A live session token: the value of the `al_session` cookie. */
  session: string;
}

export interface SeededWorker {
  id: string;
  name: string;
  pin: string;
  organisationId: string;
}

export interface SeededTablet {
  id: string;
  label: string;
  organisationId: string;
  /** The device credential: the value of the `al_device` cookie. */
  credential: string;
}

export interface SeededNetwork {
  network: Network;
  organisations: { armley: Organisation; chapeltown: Organisation };
  people: { coordinator: SeededPerson; lead: SeededPerson; staff: SeededPerson };
  workers: { amina: SeededWorker; ben: SeededWorker; chidi: SeededWorker };
  /** Enrolled for Armley Community Centre, whose workers are Amina and Ben. */
  tablet: SeededTablet;
  /** Enrolled for Chapeltown Youth Hub, whose worker is Chidi. */
  chapeltownTablet: SeededTablet;
  /** Enrolled for Armley, then reported lost: its credential is refused everywhere. */
  revokedTablet: SeededTablet;
  /** Unused enrolment codes for Armley (valid 15 minutes), for browsers to enrol with as a tablet would. */
  enrolmentCodes: string[];
}

export const PASSWORD = 'correct horse battery staple';

/** Another network than Leeds: its name, boundary file and themes. */
export interface SeedOptions {
  name?: string;
  wardsFile?: string;
  themes?: string[];
}

/** Sets up the Leeds network (or another) in `store` with everyone (see SeededNetwork). */
export async function seedNetwork(store: Store, options: SeedOptions = {}): Promise<SeededNetwork> {
  const passwordHash = await hashPassword(PASSWORD);
  const setup = networkSetupFromFile(options.wardsFile ?? WARD_FILES.leeds, options.name);
  const network = await store.setUpNetwork(options.themes ? { ...setup, themeNames: options.themes } : setup, {
    email: 'coordinator@leeds-anchors.example',
    name: 'Cora Coordinator',
    passwordHash
  });
  const armley = await store.addOrganisation(network.id, 'Armley Community Centre');
  const chapeltown = await store.addOrganisation(network.id, 'Chapeltown Youth Hub');
  const person = async (role: PersonRole, name: string, email: string, organisationId: string | null): Promise<SeededPerson> => {
    const found = await store.accounts.personByEmail(network.id, email);
    const created = found?.person ?? (await store.accounts.createPerson(network.id, { email, name, role, organisationId, passwordHash }));
    return { id: created.id, name, email, password: PASSWORD, role, session: await newSession(store, created.id) };
  };
  const people = {
    coordinator: await person('coordinator', 'Cora Coordinator', 'coordinator@leeds-anchors.example', null),
    lead: await person('lead', 'Lee Lead', 'lead@armley.example', armley.id),
    staff: await person('staff', 'Sam Staff', 'sam@leeds-hospitals.example', null)
  };
  const worker = async (name: string, pin: string, organisationId: string): Promise<SeededWorker> => {
    const added = await store.workers.addWorker(network.id, { organisationId, name, pin: await hashPin(pin) });
    return { id: added.id, name, pin, organisationId };
  };
  const workers = {
    amina: await worker('Amina', '2468', armley.id),
    ben: await worker('Ben', '1357', armley.id),
    chidi: await worker('Chidi', '9753', chapeltown.id)
  };
  const tablet = await enrolTablet(store, network.id, armley.id, 'Tablet 1', people.coordinator.id);
  const chapeltownTablet = await enrolTablet(store, network.id, chapeltown.id, 'Hub tablet', people.coordinator.id);
  const revokedTablet = await enrolTablet(store, network.id, armley.id, 'Lost tablet', people.coordinator.id);
  await store.devices.setDeviceStatus(network.id, revokedTablet.id, 'lost', null);
  const enrolmentCodes = [];
  for (let i = 2; i <= 4; i++) enrolmentCodes.push(await newEnrolmentCodeFor(store, network.id, armley.id, `Tablet ${i}`, people.coordinator.id));
  return { network, organisations: { armley, chapeltown }, people, workers, tablet, chapeltownTablet, revokedTablet, enrolmentCodes };
}

export async function newSession(store: Store, personId: string): Promise<string> {
  const token = newToken();
  await store.accounts.createSession({ id: hashSecret(token), personId, idleDays: SESSION_IDLE_DAYS, absoluteDays: SESSION_ABSOLUTE_DAYS });
  return token;
}

/** A fresh enrolment code, as a lead makes one on the Tablets page. */
export async function newEnrolmentCodeFor(store: Store, networkId: string, organisationId: string, label: string, createdBy: string): Promise<string> {
  const code = newEnrolmentCode();
  await store.devices.createEnrolment({ id: uuidv7(), networkId, organisationId, codeHash: hashSecret(code), label, createdBy, validMinutes: 15 });
  return code;
}

/** Enrols a tablet as a lead's code would, returning its credential. */
export async function enrolTablet(store: Store, networkId: string, organisationId: string, label: string, createdBy: string): Promise<SeededTablet> {
  const code = await newEnrolmentCodeFor(store, networkId, organisationId, label, createdBy);
  const credential = newToken();
  const device = await store.devices.enrolDevice({
    codeHash: hashSecret(code),
    deviceId: uuidv7(),
    credentialHash: hashSecret(credential),
    appVersion: null,
    replacesCredentialHash: null
  });
  if (!device) throw new Error('The enrolment code just made did not enrol a tablet');
  return { id: device.id, label, organisationId, credential };
}

/**
 * Seeds a test app server's store. PGlite allows one process per data directory, so the server
 * is stopped for it and started again.
 */
export async function seedServer(server: AppServer, options: SeedOptions = {}): Promise<SeededNetwork> {
  await server.stop();
  const store = await openStore(server.storeConfig);
  try {
    return await seedNetwork(store, options);
  } finally {
    await store.close();
    await server.start();
  }
}

/** A week from now, in seconds, as cookies give expiry: kept across a browser restart, as the server's are. */
const inAWeek = () => Math.floor(Date.now() / 1000) + 7 * 24 * 60 * 60;

/** The cookies that make a browser (or a request) a signed-in person or an enrolled tablet. */
export function sessionCookie(person: SeededPerson, url: string) {
  return { name: 'al_session', value: person.session, url, expires: inAWeek() };
}

export function deviceCookie(tablet: SeededTablet, url: string) {
  return { name: 'al_device', value: tablet.credential, url, expires: inAWeek() };
}
