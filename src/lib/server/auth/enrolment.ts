import { renderSVG } from 'uqr';
import { uuidv7 } from 'uuidv7';
import { DeviceLabel, ENROLMENT_MINUTES, EnrolRequest, normaliseEnrolmentCode, type EnrolResult } from '$lib/domain/device';
import type { Checked } from '$lib/domain/field-error';
import type { Network } from '$lib/domain/network';
import type { Store } from '../store';
import { audit } from './audit';
import type { PersonCaller } from './guard';
import { managedOrganisation } from './managed-organisation';
import { hashSecret, newEnrolmentCode, newToken } from './secrets';

export interface EnrolmentMade {
  code: string;
  url: string;
  /** The link as a QR code, an SVG data URL for an <img>. */
  qrCode: string;
  expiresAt: string;
  label: string;
  organisationName: string;
}

/** A one-time code (15 minutes) that enrols a tablet for an organisation, with its QR code. */
export async function createEnrolment(
  store: Store,
  caller: PersonCaller,
  input: { organisationId: string; label: string },
  origin: string
): Promise<Checked<EnrolmentMade>> {
  const label = DeviceLabel.safeParse(input.label);
  const organisation = await managedOrganisation(store, caller, input.organisationId);
  const errors = [
    ...(organisation ? [] : [{ field: 'enrol-organisation', message: 'Choose the organisation the tablet records for' }]),
    ...(label.success ? [] : [{ field: 'enrol-label', message: label.error.issues[0].message }])
  ];
  if (!organisation || !label.success) return { ok: false, errors };
  const code = newEnrolmentCode();
  const expiresAt = await store.devices.createEnrolment({
    id: uuidv7(),
    networkId: caller.network.id,
    organisationId: organisation.id,
    codeHash: hashSecret(code),
    label: label.data,
    createdBy: caller.person.id,
    validMinutes: ENROLMENT_MINUTES
  });
  await audit(store, caller, 'enrolment-created', label.data, { organisation: organisation.name });
  // In the fragment, so the code never reaches a server log.
  const url = `${origin}/enrol#code=${code}`;
  const svg = renderSVG(url, { ecc: 'M', border: 2 });
  return {
    ok: true,
    value: { code, url, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, expiresAt, label: label.data, organisationName: organisation.name }
  };
}

/** Attempts to enrol from one address in a window: a code cannot be guessed in 15 minutes. */
export const ENROL_RATE = { attempts: 10, windowSeconds: 10 * 60 } as const;

export type EnrolOutcome =
  | { ok: true; result: EnrolResult; credential: string }
  | { ok: false; status: 400 | 429; message: string; retryAfterSeconds?: number };

/**
 * Exchanges an enrolment code for a device credential (only its hash is kept). A tablet already
 * holding a credential gives it up: its old enrolment is retired.
 */
export async function enrolTablet(
  store: Store,
  network: Network,
  body: unknown,
  context: { clientAddress: string; currentCredential: string | undefined }
): Promise<EnrolOutcome> {
  const rate = await store.accounts.hitRateLimit(`enrol:${context.clientAddress}`, ENROL_RATE.windowSeconds);
  if (rate.hits > ENROL_RATE.attempts) {
    return { ok: false, status: 429, retryAfterSeconds: rate.resetSeconds, message: 'Too many enrolment attempts from this connection. Wait a few minutes and try again.' };
  }
  const request = EnrolRequest.safeParse(body);
  const code = request.success ? normaliseEnrolmentCode(request.data.code) : null;
  if (!request.success || !code) {
    return { ok: false, status: 400, message: 'Enter the 12-character enrolment code, like K7M3-QX9P-2T4V.' };
  }
  const credential = newToken();
  const device = await store.devices.enrolDevice({
    codeHash: hashSecret(code),
    deviceId: uuidv7(),
    credentialHash: hashSecret(credential),
    appVersion: request.data.appVersion ?? null,
    replacesCredentialHash: context.currentCredential ? hashSecret(context.currentCredential) : null
  });
  if (!device || device.networkId !== network.id) {
    return { ok: false, status: 400, message: `That code is not right, or it has been used or has expired (codes last ${ENROLMENT_MINUTES} minutes). Ask your lead for a new one.` };
  }
  await audit(store, { kind: 'device', device, network }, 'device-enrolled', device.label, { organisation: device.organisationName });
  return {
    ok: true,
    credential,
    result: {
      deviceId: device.id,
      label: device.label,
      organisation: { id: device.organisationId, name: device.organisationName },
      codeBlocks: await store.referenceCodes.deviceCodeBlocks(network.id, device.id, { more: false })
    }
  };
}
