import { createTransport } from 'nodemailer';

export interface MailSettings {
  /** e.g. smtp://user:pass@mail.example.org:587 or smtps://…; without it links are shown, not mailed. */
  smtpUrl: string | null;
  from: string;
}

export function mailSettingsFromEnv(env: Record<string, string | undefined>): MailSettings {
  return { smtpUrl: env.SMTP_URL?.trim() || null, from: env.MAIL_FROM?.trim() || 'Anchor Listening <no-reply@localhost>' };
}

/** A message to mail: to one address or several, with files attached if need be. */
export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/**
 * Mails a message when SMTP is configured; whether it was mailed. A refusal by the mail server is
 * logged and answered false, so the caller can fall back (show a link) or try again later.
 */
export async function mail(settings: MailSettings, message: MailMessage): Promise<boolean> {
  if (!settings.smtpUrl) return false;
  try {
    await createTransport(settings.smtpUrl).sendMail({ from: settings.from, ...message });
    return true;
  } catch (error) {
    console.error(`Anchor Listening: could not mail ${message.subject.toLowerCase()}: ${(error as Error).message}`);
    return false;
  }
}

/**
 * Mails an invitation or password-reset link when SMTP is configured. Returns whether it was
 * mailed; when it was not (no SMTP_URL, or the mail server refused), the caller shows the link to
 * the coordinator to pass on instead, so a mail fault never loses an invitation.
 */
export const mailLink = (settings: MailSettings, message: { to: string; subject: string; text: string }): Promise<boolean> => mail(settings, message);
