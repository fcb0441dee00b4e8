/** Why a position could not be had, or where it is, in words a worker can act on. */
export type LocationOutcome =
  | { found: true; wardCode: string }
  | { found: false; message: string };

export const LOCATION_MESSAGES = {
  outside: 'This position is outside all of your network’s wards. Choose the ward from the list.',
  denied:
    'This device is not allowed to share its location. Choose the ward from the list, or allow location for this app in the browser’s settings.',
  unavailable: 'This device could not find its location. Choose the ward from the list.',
  noBoundaries:
    'Ward boundaries are not on this device yet. Connect to the internet once to download them, or choose the ward from the list.'
} as const;

/** The device's current position, or the reason there is none. */
export function currentPosition(
  geolocation: Geolocation | undefined
): Promise<{ longitude: number; latitude: number } | { message: string }> {
  if (!geolocation) return Promise.resolve({ message: LOCATION_MESSAGES.unavailable });
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      (position) => resolve({ longitude: position.coords.longitude, latitude: position.coords.latitude }),
      (error) =>
        resolve({ message: error.code === error.PERMISSION_DENIED ? LOCATION_MESSAGES.denied : LOCATION_MESSAGES.unavailable }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 }
    );
  });
}
