import * as z from 'zod/mini';

/**
 * Who is who (issue 10). People sign in with a role; tablets are enrolled devices whose worker
 * unlocks them with a PIN. A route admits some of these; `public` routes admit anyone.
 */
export const PersonRole = z.enum(['coordinator', 'lead', 'staff']);
export type PersonRole = z.infer<typeof PersonRole>;

export const ROLE_NAMES: Record<PersonRole, string> = {
  coordinator: 'Coordinator',
  lead: 'Organisation lead',
  staff: 'Anchor staff'
};

/** What a route may admit: a signed-in person of a role, or an enrolled tablet (its worker). */
export type Admit = PersonRole | 'device';

export const PEOPLE = ['coordinator', 'lead', 'staff'] as const satisfies readonly Admit[];
export const MANAGERS = ['coordinator', 'lead'] as const satisfies readonly Admit[];
export const COORDINATOR = ['coordinator'] as const satisfies readonly Admit[];
export const DEVICE = ['device'] as const satisfies readonly Admit[];
/**
 * Equality-monitoring totals ("Who we heard from"): coordinators and anchor staff, never
 * organisation leads, who sit closest to individual conversations (docs/ROLES.md).
 */
export const EQUALITY_TOTALS_READERS = ['coordinator', 'staff'] as const satisfies readonly Admit[];
/**
 * Reports and exports (issue 14), taken away to boards, cabinet and GIS teams: coordinators and
 * anchor staff, whose job that is (every one audited). Anchor staff take aggregates and consented
 * quotes only (ward reports, ward figures); files of individual conversations are coordinators'.
 */
export const EXPORTERS = ['coordinator', 'staff'] as const satisfies readonly Admit[];
/**
 * "You said, we did" (issue 15): anchor staff respond for their organisation, coordinators for
 * any; organisation leads read responses on ward pages.
 */
export const RESPONDERS = ['coordinator', 'staff'] as const satisfies readonly Admit[];
/**
 * The progression framework (issue 15, point 4): anchor staff self-assess for their organisation,
 * coordinators for any; everyone signed in reads the network view (aggregates only).
 */
export const ASSESSORS = ['coordinator', 'staff'] as const satisfies readonly Admit[];
/** Anyone signed in or enrolled: for what both staff pages and tablets need (wards, themes). */
export const SIGNED_IN = ['coordinator', 'lead', 'staff', 'device'] as const satisfies readonly Admit[];
/** Those who hand out thank-you cards (issue 13): tablets on the day, coordinators and leads to print them ahead. */
export const CARD_PRINTERS = ['coordinator', 'lead', 'device'] as const satisfies readonly Admit[];

/**
 * Every page and who may open it. Pages render in the browser from static shells that carry no
 * data; this table decides which pages the server serves (the rest redirect to sign-in or are
 * forbidden) and which links and pages the app offers. Data is guarded where it is served.
 */
export const PAGE_ACCESS = {
  '/': 'public',
  '/sign-in': 'public',
  '/invitation/[token]': 'public',
  '/reset-password': 'public',
  '/reset-password/[token]': 'public',
  '/enrol': 'public',
  '/privacy': 'public',
  '/setup': 'public',
  '/capture': DEVICE,
  '/conversations': DEVICE,
  '/conversations/[id]': DEVICE,
  '/device': DEVICE,
  '/thank-you-cards': CARD_PRINTERS,
  '/map': PEOPLE,
  '/wards': PEOPLE,
  '/wards/[code]': PEOPLE,
  '/wards/[code]/report': EXPORTERS,
  '/responses': RESPONDERS,
  '/responses/new': RESPONDERS,
  '/responses/[id]': RESPONDERS,
  '/map/not-yet-answered': PEOPLE,
  '/progression': PEOPLE,
  '/progression/assess': ASSESSORS,
  '/progression/stages': COORDINATOR,
  '/you-said/[code]': 'public',
  '/you-said/[code]/poster': 'public',
  '/report': EXPORTERS,
  '/who-we-heard-from': EQUALITY_TOTALS_READERS,
  '/account': PEOPLE,
  '/records': MANAGERS,
  '/settings/workers': MANAGERS,
  '/settings/devices': MANAGERS,
  '/settings': COORDINATOR,
  '/settings/people': COORDINATOR,
  '/settings/boundaries': COORDINATOR,
  '/settings/indicators': COORDINATOR,
  '/export': EXPORTERS,
  '/audit': COORDINATOR,
  '/requests/[id]': COORDINATOR,
  '/requests/[id]/correct': COORDINATOR,
  '/requests/[id]/copy': COORDINATOR
} as const satisfies Record<string, 'public' | readonly Admit[]>;

export type PageRoute = keyof typeof PAGE_ACCESS;

/** Who is using this browser, as far as the app knows: a person, a tablet, both, or neither. */
export interface Presence {
  role: PersonRole | null;
  device: boolean;
}

/** Whether someone present may open a page; false for a page the table does not name. */
export function mayOpen(route: string | null, presence: Presence): boolean {
  const access = route ? (PAGE_ACCESS as Record<string, 'public' | readonly Admit[]>)[route] : undefined;
  if (access === undefined) return false;
  if (access === 'public') return true;
  return (presence.role !== null && access.includes(presence.role)) || (presence.device && access.includes('device'));
}
