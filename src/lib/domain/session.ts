import * as z from 'zod/mini';
import { PersonRole } from './access';
import { DeviceStatus } from './device';

/**
 * What the app asks the server when it opens (GET /api/session): whether the network is set up,
 * who is signed in with this browser, and which tablet it is, if enrolled. Nothing secret.
 */
export const SessionInfo = z.object({
  setUp: z.boolean(),
  networkName: z.nullable(z.string()),
  person: z.nullable(
    z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      role: PersonRole,
      organisationId: z.nullable(z.uuid())
    })
  ),
  device: z.nullable(z.object({ id: z.uuid(), label: z.string(), status: DeviceStatus, organisationId: z.uuid() })),
  /** Whether invitation and reset links are mailed (SMTP is set up), so people can ask for a reset themselves. */
  mailsLinks: z.boolean()
});
export type SessionInfo = z.infer<typeof SessionInfo>;
