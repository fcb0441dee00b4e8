import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { SessionInfo } from '$lib/domain/session';
import { mailSettingsFromEnv } from '$lib/server/auth/mail';
import type { RequestHandler } from './$types';

/** Public: who this browser is to the server (see SessionInfo). */
export const GET: RequestHandler = ({ locals }) => {
  const { network, person, device } = locals;
  const info: SessionInfo = {
    setUp: network !== null,
    networkName: network?.name ?? null,
    person: person && { id: person.id, name: person.name, email: person.email, role: person.role, organisationId: person.organisationId },
    device: device && { id: device.id, label: device.label, status: device.status, organisationId: device.organisationId },
    mailsLinks: mailSettingsFromEnv(env).smtpUrl !== null
  };
  return json(info, { headers: { 'cache-control': 'no-store' } });
};
