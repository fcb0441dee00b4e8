import type { DeviceRecord, DeviceStatus } from '$lib/domain/device';
import type { SqlClient, SqlDatabase } from './sql-database';

/** Enrolments (one-time codes) and the tablets enrolled with them. Codes and credentials arrive hashed. */

const DEVICE_COLUMNS = `d.id::text as id, d.network_id::text as "networkId", d.organisation_id::text as "organisationId",
  o.name as "organisationName", d.label, d.status,
  to_char(d.enrolled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "enrolledAt",
  to_char(d.last_sync_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastSyncAt", d.app_version as "appVersion"`;

export async function createEnrolment(
  db: SqlClient,
  enrolment: { id: string; networkId: string; organisationId: string; codeHash: string; label: string; createdBy: string; validMinutes: number }
): Promise<string> {
  const [row] = await db.query<{ expiresAt: string }>(
    `insert into enrolments (id, network_id, organisation_id, code_hash, label, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7))
     returning to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "expiresAt"`,
    [enrolment.id, enrolment.networkId, enrolment.organisationId, enrolment.codeHash, enrolment.label, enrolment.createdBy, enrolment.validMinutes]
  );
  return row.expiresAt;
}

/**
 * Uses an enrolment code once, unexpired, and enrols the tablet with its new credential, all in
 * one transaction. A tablet that held a credential already (enrolled before, now for another
 * organisation) has its old one retired. Null when the code is unknown, used or expired.
 */
export async function enrolDevice(
  db: SqlDatabase,
  enrolment: { codeHash: string; deviceId: string; credentialHash: string; appVersion: string | null; replacesCredentialHash: string | null }
): Promise<DeviceRecord | null> {
  return db.transaction(async (tx) => {
    const [code] = await tx.query<{ networkId: string; organisationId: string; label: string; createdBy: string }>(
      `update enrolments set used_at = now(), device_id = null
        where code_hash = $1 and used_at is null and expires_at > now()
        returning network_id::text as "networkId", organisation_id::text as "organisationId", label, created_by::text as "createdBy"`,
      [enrolment.codeHash]
    );
    if (!code) return null;
    if (enrolment.replacesCredentialHash) {
      await tx.query(
        `update devices set status = 'retired', status_changed_at = now() where credential_hash = $1 and status in ('active', 'retiring')`,
        [enrolment.replacesCredentialHash]
      );
    }
    await tx.query(
      `insert into devices (id, network_id, organisation_id, label, credential_hash, enrolled_by, app_version)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [enrolment.deviceId, code.networkId, code.organisationId, code.label, enrolment.credentialHash, code.createdBy, enrolment.appVersion]
    );
    if (enrolment.replacesCredentialHash) {
      // Its conversations still waiting carry codes from its blocks: they go with it (issue 13).
      await tx.query(
        `update reference_code_blocks set device_id = $2
          where device_id = (select id from devices where credential_hash = $1) and network_id = $3`,
        [enrolment.replacesCredentialHash, enrolment.deviceId, code.networkId]
      );
    }
    await tx.query('update enrolments set device_id = $2 where code_hash = $1', [enrolment.codeHash, enrolment.deviceId]);
    const [device] = await tx.query<DeviceRecord>(
      `select ${DEVICE_COLUMNS} from devices d join organisations o on o.id = d.organisation_id where d.id = $1`,
      [enrolment.deviceId]
    );
    return device;
  });
}

export async function deviceByCredential(db: SqlClient, credentialHash: string): Promise<DeviceRecord | null> {
  const [row] = await db.query<DeviceRecord>(
    `select ${DEVICE_COLUMNS} from devices d join organisations o on o.id = d.organisation_id where d.credential_hash = $1`,
    [credentialHash]
  );
  return row ?? null;
}

/** The network's tablets (or one organisation's), those in use first, then by name. */
export async function listDevices(db: SqlClient, networkId: string, organisationId: string | null): Promise<DeviceRecord[]> {
  return db.query<DeviceRecord>(
    `select ${DEVICE_COLUMNS} from devices d join organisations o on o.id = d.organisation_id
      where d.network_id = $1 and ($2::uuid is null or d.organisation_id = $2)
      order by d.status in ('retired', 'lost'), lower(d.label), d.enrolled_at`,
    [networkId, organisationId]
  );
}

/**
 * Retires a tablet (it may upload once more) or reports it lost (refused from now on). Only a
 * tablet of the network (and of `organisationId`, when given) that is not already retired or
 * lost changes; the tablet as now, or null.
 */
export async function setDeviceStatus(
  db: SqlClient,
  networkId: string,
  deviceId: string,
  status: Extract<DeviceStatus, 'retiring' | 'lost'>,
  organisationId: string | null
): Promise<DeviceRecord | null> {
  const [row] = await db.query<{ id: string }>(
    `update devices set status = $3, status_changed_at = now()
      where network_id = $1 and id = $2 and ($4::uuid is null or organisation_id = $4)
        and (status in ('active', 'retiring') or ($3 = 'lost' and status = 'retired'))
      returning id`,
    [networkId, deviceId, status, organisationId]
  );
  if (!row) return null;
  const [device] = await db.query<DeviceRecord>(
    `select ${DEVICE_COLUMNS} from devices d join organisations o on o.id = d.organisation_id where d.id = $1`,
    [deviceId]
  );
  return device;
}

/** A retiring tablet's last upload is done: from now on it is refused. */
export async function finishRetiring(db: SqlClient, deviceId: string): Promise<void> {
  await db.query(`update devices set status = 'retired', status_changed_at = now() where id = $1 and status = 'retiring'`, [deviceId]);
}

/** When a tablet last synced and with which version of the app. */
export async function recordDeviceSync(db: SqlClient, deviceId: string, appVersion: string | null): Promise<void> {
  await db.query('update devices set last_sync_at = now(), app_version = coalesce($2, app_version) where id = $1', [deviceId, appVersion]);
}
