import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server standing in for a platform's API in tests; subclasses speak the protocol. */
export abstract class FakeHttpServer {
  /** Where the SDK under test is pointed (API root), set once listening. */
  url = '';
  private server?: Server;
  private held: (() => void)[] | undefined;

  protected abstract handle(req: IncomingMessage, body: string, res: ServerResponse): void;

  /** Listens on a free loopback port; `path` is appended to the URL the SDK gets. */
  protected async listen(path = ''): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (this.held) this.keepBack(res, this.held);
        this.handle(req, Buffer.concat(chunks).toString('utf8'), res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /**
   * Runs `during` with every answer kept back, and sends them when it ends: each call is handled
   * and recorded at once, its answer sent only then, so the platform's webhook about a message
   * can come before the answer to its send, as it can in production.
   */
  async whileAnswersHeld<T>(during: () => Promise<T>): Promise<T> {
    const held: (() => void)[] = (this.held = []);
    try {
      return await during();
    } finally {
      this.held = undefined;
      for (const send of held) send();
    }
  }

  private keepBack(res: ServerResponse, held: (() => void)[]): void {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      held.push(() => end(...args));
      return res;
    }) as ServerResponse['end'];
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
