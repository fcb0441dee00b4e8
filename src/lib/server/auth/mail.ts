import { createTransport } from 'nodemailer';

export interface MailSettings {
  /** e.g. smtp://user:pass@mail.example.org:587 or smtps://…; without it links are shown, not mailed. */
  smtpUrl: string | null;
  from: string;
}

export function mailSettingsFromEnv(env: Record<string, string | undefined>): MailSettings {
  return { smtpUrl: env.SMTP_URL?.trim() || null, from: env.MAIL_FROM?.trim() || 'Anchor Listening <no-reply@localhost>' };
}

/**
 * Mails an invitation or password-reset link when SMTP is configured. Returns whether it was
 * mailed; when it was not (no SMTP_URL, or the mail server refused), the caller shows the link to
 * the coordinator to pass on instead, so a mail fault never loses an invitation.
 */
export async function mailLink(settings: MailSettings, message: { to: string; subject: string; text: string }): Promise<boolean> {
  if (!settings.smtpUrl) return false;
  try {
    await createTransport(settings.smtpUrl).sendMail({ from: settings.from, ...message });
    return true;
  } catch (error) {
    console.error(`Anchor Listening: could not mail ${message.subject.toLowerCase()}: ${(error as Error).message}`);
    return false;
  }
}
