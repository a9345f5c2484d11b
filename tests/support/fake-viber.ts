import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** One REST call the fake received. */
export interface ViberCall {
  method: string;
  body: Record<string, unknown>;
  token?: string;
  at: number;
}

/**
 * A local Viber REST bot API (`POST /pa/<method>` with `X-Viber-Auth-Token`, answering
 * `{ status, status_message, message_token }`), for the adapter pointed at it by VIBER_API_URL.
 */
export class FakeViber extends FakeHttpServer {
  /** The bot account's URI, as `get_account_info` answers it. */
  static readonly ACCOUNT_URI = 'turbota';
  readonly calls: ViberCall[] = [];
  /** Receivers who are not subscribed (status 6). */
  readonly unsubscribed = new Set<string>();
  private nextToken = 5_741_311_803_571_721_000n;

  private constructor(private readonly authToken: string) {
    super();
  }

  static async start(authToken: string): Promise<FakeViber> {
    const fake = new FakeViber(authToken);
    await fake.listen('/pa/');
    return fake;
  }


  sent(receiver?: string): ViberCall[] {
    return this.calls.filter((c) => c.method === 'send_message' && c.token !== undefined && (receiver === undefined || c.body.receiver === receiver));
  }

  protected handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    const method = /^\/pa\/(\w+)$/.exec(req.url ?? '')?.[1] ?? '';
    const call: ViberCall = { method, body, at: Date.now() };
    this.calls.push(call);
    const reply = (json: string): void => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(json);
    };
    if (req.headers['x-viber-auth-token'] !== this.authToken) return reply('{"status":2,"status_message":"invalidAuthToken"}');
    if (method === 'send_message') {
      if (this.unsubscribed.has(String(body.receiver))) return reply('{"status":6,"status_message":"receiverNotSubscribed"}');
      call.token = String(this.nextToken++);
      // The token is a 64-bit integer written as a bare number, as Viber does.
      return reply(`{"status":0,"status_message":"ok","message_token":${call.token},"chat_hostname":"SN-CHAT-05_"}`);
    }
    if (method === 'get_account_info') return reply(`{"status":0,"status_message":"ok","id":"pa:2281820327637504542","name":"Turbota","uri":"${FakeViber.ACCOUNT_URI}","subscribers_count":2}`);
    if (method === 'set_webhook') return reply('{"status":0,"status_message":"ok","event_types":["delivered","seen","failed","subscribed","unsubscribed","conversation_started"]}');
    return reply('{"status":3,"status_message":"badData"}');
  }
}
