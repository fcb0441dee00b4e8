import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  /** The message as it came, MIME and all. */
  raw: string;
}

/** The file of that name attached to a message (nodemailer sends attachments base64-encoded). */
export function attachmentOf(mail: CaughtMail, filename: string): Buffer | null {
  const at = mail.raw.indexOf(`filename=${filename}`) >= 0 ? mail.raw.indexOf(`filename=${filename}`) : mail.raw.indexOf(`filename="${filename}"`);
  if (at < 0) return null;
  const body = mail.raw.slice(at).split(/\r?\n\r?\n/)[1] ?? '';
  return Buffer.from(body.split(/\r?\n--/)[0].replace(/\s/g, ''), 'base64');
}

/**
 * A real SMTP server on loopback that keeps every message it is sent, for the app to mail its
 * links to. Plain SMTP without STARTTLS or sign-in, as a development mail catcher is.
 */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  #waiting: { to: string; resolve: (mail: CaughtMail) => void }[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number
  ) {}

  static async start(): Promise<MailCatcher> {
    const port = await freePort();
    let catcher: MailCatcher | undefined = undefined;
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          catcher?.caught({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      }
    });
    catcher = new MailCatcher(server, port);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return catcher;
  }

  /** The app's SMTP_URL for this server. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The first message to this address, once it has arrived. */
  messageTo(address: string): Promise<CaughtMail> {
    const found = this.messages.find((m) => m.to.includes(address));
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.#waiting.push({ to: address, resolve }));
  }

  /** The first link in the first message to this address. */
  async linkTo(address: string): Promise<string> {
    const { text } = await this.messageTo(address);
    const link = text.match(/https?:\/\/\S+/)?.[0];
    if (!link) throw new Error(`No link in the mail to ${address}:\n${text}`);
    return link;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private caught({ to, raw }: { to: string[]; raw: string }) {
    const [head, ...body] = raw.split(/\r?\n\r?\n/);
    const subject = head.match(/^Subject: (.*)$/im)?.[1] ?? '';
    let text = body.join('\n\n');
    if (/^Content-Transfer-Encoding: quoted-printable/im.test(head)) {
      text = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    const mail = { to, subject, text, raw };
    this.messages.push(mail);
    for (const waiting of this.#waiting.filter((w) => to.includes(w.to))) waiting.resolve(mail);
    this.#waiting = this.#waiting.filter((w) => !to.includes(w.to));
  }
}
