import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { PinHash } from '../../../src/lib/domain/worker-pin';
import { hashSecret, newEnrolmentCode, newToken } from '../../../src/lib/server/auth/secrets';
import { WorkerNameTakenError, type Store } from '../../../src/lib/server/store';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

/** A PIN hash as the store keeps it; the store never checks one, so any well-formed hash will do. */
const pinHash = (digit: string): PinHash => ({ salt: digit.repeat(32), hash: digit.repeat(64), iterations: 100_000 });

/**
 * Enrolled tablets and workers, as every Store must keep them (issue 10). Run against embedded
 * PGlite (devices.test.ts) and a real PostgreSQL server (devices.pg.test.ts).
 */
export function describeDevicesContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`tablets and workers on ${kind}`, () => {
    let store: Store;
    let networkId: string;
    let armley: string;
    let chapeltown: string;
    let leadId: string;
    beforeEach(async () => {
      store = await openEmptyStore();
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      armley = (await store.addOrganisation(networkId, 'Armley Community Centre')).id;
      chapeltown = (await store.addOrganisation(networkId, 'Chapeltown Youth Hub')).id;
      const lead = await store.accounts.createPerson(networkId, {
        email: 'lead@armley.example',
        name: 'Lee Lead',
        role: 'lead',
        organisationId: armley,
        passwordHash: 'not used here'
      });
      leadId = lead.id;
      return () => store.close();
    });

    /** An enrolment code for an organisation, made `validMinutes` from now (negative: already expired). */
    async function enrolment(organisationId: string, label: string, validMinutes = 15) {
      const code = newEnrolmentCode();
      const expiresAt = await store.devices.createEnrolment({
        id: uuidv7(),
        networkId,
        organisationId,
        codeHash: hashSecret(code),
        label,
        createdBy: leadId,
        validMinutes
      });
      return { code, expiresAt };
    }

    const enrolWith = (code: string, replaces: string | null = null) => {
      const credential = newToken();
      return store.devices
        .enrolDevice({ codeHash: hashSecret(code), deviceId: uuidv7(), credentialHash: hashSecret(credential), appVersion: '0.1.0', replacesCredentialHash: replaces })
        .then((device) => (device ? { device, credential } : null));
    };

    async function tablet(organisationId: string, label: string) {
      const enrolled = await enrolWith((await enrolment(organisationId, label)).code);
      if (!enrolled) throw new Error('A fresh code did not enrol a tablet');
      return enrolled;
    }

    const statusOf = async (credential: string) => (await store.devices.deviceByCredential(hashSecret(credential)))?.status;

    describe('enrolment codes', () => {
      it('enrol a tablet for the code’s organisation, with the code’s name, once', async () => {
        const { code, expiresAt } = await enrolment(armley, 'Tablet 3');
        const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
        expect(minutes).toBeGreaterThan(14);
        expect(minutes).toBeLessThanOrEqual(15.1);
        const enrolled = await enrolWith(code);
        expect(enrolled?.device).toMatchObject({
          networkId,
          organisationId: armley,
          organisationName: 'Armley Community Centre',
          label: 'Tablet 3',
          status: 'active',
          lastSyncAt: null,
          appVersion: '0.1.0'
        });
        expect(await store.devices.deviceByCredential(hashSecret(enrolled!.credential))).toEqual(enrolled!.device);
        expect(await enrolWith(code)).toBeNull();
        expect(await store.devices.listDevices(networkId, null)).toHaveLength(1);
      });

      it('enrol exactly one tablet when two use the same code at once', async () => {
        const { code } = await enrolment(armley, 'Tablet 3');
        const results = await Promise.all([enrolWith(code), enrolWith(code), enrolWith(code)]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        expect(await store.devices.listDevices(networkId, null)).toHaveLength(1);
      });

      it('enrol nothing once expired, or when unknown', async () => {
        const { code } = await enrolment(armley, 'Tablet 3', -1);
        expect(await enrolWith(code)).toBeNull();
        expect(await enrolWith(newEnrolmentCode())).toBeNull();
        expect(await store.devices.listDevices(networkId, null)).toEqual([]);
      });

      it('retire the credential a re-enrolled tablet held, and only that one', async () => {
        const first = await tablet(armley, 'Tablet 1');
        const other = await tablet(armley, 'Tablet 2');
        const again = await enrolWith((await enrolment(chapeltown, 'Tablet 1 (Chapeltown)')).code, hashSecret(first.credential));
        expect(again?.device).toMatchObject({ organisationId: chapeltown, status: 'active' });
        expect(await statusOf(first.credential)).toBe('retired');
        expect(await statusOf(other.credential)).toBe('active');
      });
    });

    describe('tablet status', () => {
      it('lists tablets in use first, then retired and lost ones, each by name; a lead’s organisation’s only', async () => {
        await tablet(armley, 'b tablet');
        const a = await tablet(armley, 'A tablet');
        const c = await tablet(armley, 'C tablet');
        await tablet(chapeltown, 'Chapeltown tablet');
        await store.devices.setDeviceStatus(networkId, a.device.id, 'lost', null);
        await store.devices.setDeviceStatus(networkId, c.device.id, 'retiring', null);
        expect((await store.devices.listDevices(networkId, armley)).map((d) => [d.label, d.status])).toEqual([
          ['b tablet', 'active'],
          ['C tablet', 'retiring'],
          ['A tablet', 'lost']
        ]);
        expect(await store.devices.listDevices(networkId, null)).toHaveLength(4);
      });

      it('retire or report lost only a tablet of the organisation given', async () => {
        const theirs = await tablet(chapeltown, 'Chapeltown tablet');
        expect(await store.devices.setDeviceStatus(networkId, theirs.device.id, 'retiring', armley)).toBeNull();
        expect(await store.devices.setDeviceStatus(networkId, theirs.device.id, 'lost', armley)).toBeNull();
        expect(await statusOf(theirs.credential)).toBe('active');
        expect(await store.devices.setDeviceStatus(uuidv7(), theirs.device.id, 'lost', null)).toBeNull();
        expect(await statusOf(theirs.credential)).toBe('active');
        expect(await store.devices.setDeviceStatus(networkId, theirs.device.id, 'retiring', chapeltown)).toMatchObject({ status: 'retiring' });
      });

      it('retire: one last upload (finishRetiring), then retired; lost after retired is allowed, never the other way', async () => {
        const { device, credential } = await tablet(armley, 'Tablet 1');
        const untouched = await tablet(armley, 'Tablet 2');
        expect(await store.devices.setDeviceStatus(networkId, device.id, 'retiring', armley)).toMatchObject({ id: device.id, status: 'retiring' });
        await store.devices.finishRetiring(device.id);
        await store.devices.finishRetiring(untouched.device.id);
        expect(await statusOf(credential)).toBe('retired');
        expect(await statusOf(untouched.credential)).toBe('active');
        expect(await store.devices.setDeviceStatus(networkId, device.id, 'retiring', null)).toBeNull();
        expect(await store.devices.setDeviceStatus(networkId, device.id, 'lost', null)).toMatchObject({ status: 'lost' });
        expect(await store.devices.setDeviceStatus(networkId, device.id, 'retiring', null)).toBeNull();
        expect(await store.devices.setDeviceStatus(networkId, device.id, 'lost', null)).toBeNull();
        expect(await statusOf(credential)).toBe('lost');
      });

      it('record when a tablet last synced and with which app version', async () => {
        const { device, credential } = await tablet(armley, 'Tablet 1');
        await store.devices.recordDeviceSync(device.id, '0.2.0');
        await store.devices.recordDeviceSync(device.id, null);
        const synced = await store.devices.deviceByCredential(hashSecret(credential));
        expect(synced?.appVersion).toBe('0.2.0');
        expect(Math.abs(Date.parse(synced!.lastSyncAt!) - Date.now())).toBeLessThan(60_000);
      });
    });

    describe('workers', () => {
      it('have a name unique in their organisation among current workers, in any case', async () => {
        const amina = await store.workers.addWorker(networkId, { organisationId: armley, name: 'Amina', pin: null });
        expect(amina).toMatchObject({ organisationId: armley, name: 'Amina', hasPin: false });
        await expect(store.workers.addWorker(networkId, { organisationId: armley, name: 'AMINA', pin: null })).rejects.toBeInstanceOf(WorkerNameTakenError);
        expect(await store.workers.addWorker(networkId, { organisationId: chapeltown, name: 'amina', pin: null })).toMatchObject({ name: 'amina' });
        await store.workers.removeWorker(networkId, amina.id, armley);
        expect(await store.workers.addWorker(networkId, { organisationId: armley, name: 'amina', pin: pinHash('1') })).toMatchObject({ hasPin: true });
        expect((await store.workers.listWorkers(networkId, armley)).map((w) => w.name)).toEqual(['amina']);
      });

      it('are added only to an organisation of the network', async () => {
        await expect(store.workers.addWorker(uuidv7(), { organisationId: armley, name: 'Amina', pin: null })).rejects.toThrow();
        expect(await store.workers.listWorkers(networkId, null)).toEqual([]);
      });

      it('are listed by name, a lead’s organisation’s only, and a tablet’s roster holds their PIN hashes', async () => {
        await store.workers.addWorker(networkId, { organisationId: armley, name: 'ben', pin: pinHash('2') });
        await store.workers.addWorker(networkId, { organisationId: armley, name: 'Amina', pin: null });
        await store.workers.addWorker(networkId, { organisationId: chapeltown, name: 'Chidi', pin: null });
        expect((await store.workers.listWorkers(networkId, armley)).map((w) => [w.name, w.hasPin])).toEqual([
          ['Amina', false],
          ['ben', true]
        ]);
        expect((await store.workers.listWorkers(networkId, null)).map((w) => w.name)).toEqual(['Amina', 'ben', 'Chidi']);
        expect((await store.workers.roster(armley)).map((w) => [w.name, w.pin])).toEqual([
          ['Amina', null],
          ['ben', pinHash('2')]
        ]);
      });

      it('get a PIN set by their lead at any time, or chosen on a tablet only while they have none', async () => {
        const amina = await store.workers.addWorker(networkId, { organisationId: armley, name: 'Amina', pin: null });
        const chosen = await store.workers.setWorkerPin(networkId, amina.id, pinHash('3'), { organisationId: armley, onlyIfUnset: true });
        expect(chosen).toMatchObject({ id: amina.id, hasPin: true });
        expect(await store.workers.setWorkerPin(networkId, amina.id, pinHash('4'), { organisationId: armley, onlyIfUnset: true })).toBeNull();
        expect((await store.workers.roster(armley))[0].pin).toEqual(pinHash('3'));
        expect(await store.workers.setWorkerPin(networkId, amina.id, pinHash('5'), { organisationId: null, onlyIfUnset: false })).toMatchObject({ hasPin: true });
        expect((await store.workers.roster(armley))[0].pin).toEqual(pinHash('5'));
      });

      it('are changed and removed only within the organisation given', async () => {
        const chidi = await store.workers.addWorker(networkId, { organisationId: chapeltown, name: 'Chidi', pin: pinHash('6') });
        expect(await store.workers.setWorkerPin(networkId, chidi.id, pinHash('7'), { organisationId: armley, onlyIfUnset: false })).toBeNull();
        expect(await store.workers.removeWorker(networkId, chidi.id, armley)).toBeNull();
        expect(await store.workers.removeWorker(uuidv7(), chidi.id, null)).toBeNull();
        expect(await store.workers.roster(chapeltown)).toEqual([{ id: chidi.id, name: 'Chidi', pin: pinHash('6') }]);

        expect(await store.workers.removeWorker(networkId, chidi.id, chapeltown)).toMatchObject({ id: chidi.id, name: 'Chidi' });
        expect(await store.workers.removeWorker(networkId, chidi.id, null)).toBeNull();
        expect(await store.workers.setWorkerPin(networkId, chidi.id, pinHash('8'), { organisationId: null, onlyIfUnset: false })).toBeNull();
        expect(await store.workers.listWorkers(networkId, null)).toEqual([]);
        expect(await store.workers.roster(chapeltown)).toEqual([]);
      });
    });
  });
}
