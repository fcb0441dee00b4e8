/** The pages of the main menu, in its order; each is offered to whoever may open it (`mayOpen`). */
export const MENU_LINKS = [
  { href: '/capture', label: 'Record a conversation' },
  { href: '/conversations', label: 'My conversations' },
  { href: '/device', label: 'This device' },
  { href: '/map', label: 'Map' },
  { href: '/wards', label: 'Wards' },
  { href: '/responses', label: 'You said, we did' },
  { href: '/progression', label: 'Progression' },
  { href: '/who-we-heard-from', label: 'Who we heard from' },
  { href: '/records', label: 'Conversations' },
  { href: '/export', label: 'Export' },
  { href: '/settings/workers', label: 'Workers' },
  { href: '/settings/devices', label: 'Tablets' },
  { href: '/settings', label: 'Settings' },
  { href: '/audit', label: 'Audit log' },
  { href: '/account', label: 'Your account' }
] as const;

const ORGANISATION_PAGES: readonly string[] = ['/settings/workers', '/settings/devices', '/records'];

/** The pages a coordinator or lead moves between to run their organisation, named as in the menu. */
export const ORGANISATION_LINKS = MENU_LINKS.filter((link) => ORGANISATION_PAGES.includes(link.href));
