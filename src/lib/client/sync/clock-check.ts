/** How far the tablet's clock may be from the server's before the app says so. */
export const CLOCK_TOLERANCE_MS = 24 * 60 * 60_000;

/** The two clocks, when they differ by more than a day; null when they agree or the server gave no date. */
export function clockDisagreement(serverDateHeader: string | null, deviceNow: number): { device: number; server: number } | null {
  if (!serverDateHeader) return null;
  const server = Date.parse(serverDateHeader);
  if (Number.isNaN(server)) return null;
  return Math.abs(deviceNow - server) > CLOCK_TOLERANCE_MS ? { device: deviceNow, server } : null;
}

const when = (at: number) => new Date(at).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });

/**
 * What the tablet shows when its clock looks wrong: conversations are stamped with the tablet's
 * clock, and the server refuses dates after tomorrow.
 */
export function clockWarningText({ device, server }: { device: number; server: number }): string {
  return `This tablet's date and time look wrong: it says ${when(device)}, the server says ${when(server)}. Set the date and time in the tablet's settings.`;
}
