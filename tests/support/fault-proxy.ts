import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop-request' | 'duplicate' | 'delay' | 'reorder' | 'drop-response';
const FAULTS: Fault[] = ['drop-request', 'duplicate', 'delay', 'reorder', 'drop-response'];

interface Forwarded {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * An HTTP proxy between sync clients and the real server that, at a seeded rate, drops requests,
 * sends them twice, delays them, lets a later one overtake, or drops the response after the server
 * answered (and so after it committed).
 */
export class FaultProxy {
  readonly counts: Record<Fault | 'clean', number> = { 'drop-request': 0, duplicate: 0, delay: 0, reorder: 0, 'drop-response': 0, clean: 0 };
  #server: Server;
  #held: (() => void)[] = [];

  constructor(
    private target: string,
    private readonly random: () => number,
    private readonly rate = 0.3
  ) {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.#held.splice(0).forEach((release) => release());
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readAll(req);
    const fault = this.random() < this.rate ? FAULTS[Math.floor(this.random() * FAULTS.length)] : 'clean';
    this.counts[fault]++;
    // A request waiting to be overtaken goes on as soon as any later one arrives.
    this.#held.splice(0).forEach((release) => release());
    try {
      switch (fault) {
        case 'drop-request':
          res.destroy();
          return;
        case 'delay':
          await sleep(this.random() * 300);
          break;
        case 'reorder':
          await new Promise<void>((resolve) => {
            this.#held.push(resolve);
            setTimeout(resolve, 250);
          });
          break;
        case 'duplicate':
          await this.#send(req, body).catch(() => undefined);
          break;
      }
      const answer = await this.#send(req, body);
      if (fault === 'drop-response') {
        res.destroy();
        return;
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch {
      res.destroy(); // the server is down: as the network would show it
    }
  }

  #send(req: IncomingMessage, body: Buffer): Promise<Forwarded> {
    const url = new URL(req.url ?? '/', this.target);
    return new Promise((resolve, reject) => {
      const outgoing = forward(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
        void readAll(answer).then((data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }), reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
