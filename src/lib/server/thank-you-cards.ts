import { renderSVG } from 'uqr';
import type { Network } from '$lib/domain/network';
import { parseReferenceCode } from '$lib/domain/reference-code';
import type { Store } from './store';

/** What a sheet of thank-you cards carries (issue 13). */
export interface ThankYouCards {
  networkName: string;
  /** This server's public privacy page, printed and as a QR code. */
  privacyUrl: string;
  /** The privacy page's address as a QR code, an SVG data URL for an <img>. */
  privacyQrCode: string;
  /** How residents contact the network about their conversation; null when the coordinator has not said. */
  residentContact: string | null;
  /** The code to print on the card (`?code=`), upper case with its hyphen; null for cards to write on. */
  code: string | null;
  /** What is wrong with the code asked for, in words; null when none was asked for or it is fine. */
  codeError: string | null;
}

/** Cards for the network, blank or with the code from the link. */
export async function thankYouCards(store: Store, network: Network, origin: string, typedCode: string | null): Promise<ThankYouCards> {
  const privacyUrl = `${origin}/privacy`;
  const parsed = typedCode === null || typedCode.trim() === '' ? null : parseReferenceCode(typedCode);
  const svg = renderSVG(privacyUrl, { ecc: 'M', border: 2 });
  return {
    networkName: network.name,
    privacyUrl,
    privacyQrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    residentContact: await store.referenceCodes.residentContact(network.id),
    code: parsed?.ok ? parsed.code : null,
    codeError: parsed && !parsed.ok ? parsed.message : null
  };
}
