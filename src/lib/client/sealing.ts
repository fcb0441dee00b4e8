import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { isSealed, isWithheld, type DeviceConversationFields } from '$lib/domain/conversation';
import { ECDH_P256, envelopeKey } from '$lib/domain/envelope-key';
import type { SealedEnvelope, SealingPublicKey } from '$lib/domain/sealed';
import type { DraftValues } from './conversation-draft.svelte';

/**
 * Seals `value` (as JSON) to the network's public key: only the server can open what this
 * returns. A fresh key pair and nonce every time, so sealing the same value twice gives
 * envelopes that cannot be told to hold the same thing.
 */
export async function sealFor(key: SealingPublicKey, value: unknown): Promise<SealedEnvelope> {
  const network = await crypto.subtle.importKey('jwk', { ...key.jwk, ext: true }, ECDH_P256, false, []);
  const oneTime = await crypto.subtle.generateKey(ECDH_P256, false, ['deriveBits']);
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: network }, oneTime.privateKey, 256);
  const epk = new Uint8Array(await crypto.subtle.exportKey('raw', oneTime.publicKey));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aes = await envelopeKey(secret, key.kid, epk, 'encrypt');
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, new TextEncoder().encode(JSON.stringify(value)));
  return { v: 1, kid: key.kid, epk: encodeBase64urlNoPadding(epk), iv: encodeBase64urlNoPadding(iv), ct: encodeBase64urlNoPadding(new Uint8Array(ct)) };
}

export const NO_SEALING_KEY_MESSAGE =
  'This tablet has not yet been given the key that keeps contact details and equality answers safe on it. ' +
  'Connect and sync once, then save again; or remove the contact details and equality answers to save now.';

/** Contact details or equality answers in `fields` that the tablet could read. */
const readableContact = (fields: DeviceConversationFields) => fields.followUp.wanted && 'contact' in fields.followUp;
const readableEquality = (fields: DeviceConversationFields) =>
  !isSealed(fields.equality) && !isWithheld(fields.equality) && Object.keys(fields.equality).length > 0;

/**
 * The fields as the tablet may keep them (issue 13): contact details and equality answers sealed
 * to `key`; what is sealed already or withheld by the server is left as it is. Throws with
 * NO_SEALING_KEY_MESSAGE when there is something to seal and no key yet.
 */
export async function sealFields<F extends DeviceConversationFields>(fields: F, key: SealingPublicKey | null): Promise<F> {
  const contact = readableContact(fields) ? (fields.followUp as { contact: string }).contact : null;
  const equality = readableEquality(fields) ? fields.equality : null;
  if (contact === null && equality === null) return fields;
  if (!key) throw new Error(NO_SEALING_KEY_MESSAGE);
  return {
    ...fields,
    ...(contact !== null ? { followUp: { wanted: true, sealed: await sealFor(key, contact) } } : {}),
    ...(equality !== null ? { equality: { sealed: await sealFor(key, equality) } } : {})
  };
}

/**
 * A draft as it may be kept in IndexedDB: typed contact details and equality answers sealed, so
 * the form restored later says they were given and offers to replace them, never shows them.
 * Without a key yet they are not kept at all (never kept readable).
 */
export async function sealDraft(values: DraftValues, key: SealingPublicKey | null): Promise<DraftValues> {
  const kept: DraftValues = { ...values };
  if (values.contact.trim() !== '') {
    kept.contact = '';
    delete kept.sealedContact;
    if (key) kept.sealedContact = await sealFor(key, values.contact);
    kept.contactWithheld = !!key;
  } else if (!values.contactWithheld) {
    delete kept.sealedContact;
  }
  if (!values.equalityWithheld && Object.values(values.equality).some(Boolean)) {
    kept.equality = {};
    delete kept.sealedEquality;
    if (key) kept.sealedEquality = await sealFor(key, values.equality);
    kept.equalityWithheld = !!key;
  } else if (!values.equalityWithheld) {
    delete kept.sealedEquality;
  }
  return kept;
}
