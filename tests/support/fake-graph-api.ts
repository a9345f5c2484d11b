import type { ServerResponse } from 'node:http';
import { FakeHttpServer } from './fake-http-server';

/** A Graph API failure a fake can answer with, as Meta shapes them (`{ error: { message, type, code, error_subcode } }`). */
export interface GraphFailure {
  status: number;
  code: number;
  subcode?: number;
  message: string;
  headers?: Record<string, string>;
}

/** What a Graph fake records of each call: the answer's status, set as it answers. */
interface AnsweredCall {
  status: number;
}

/** How a Graph fake answers one call: with JSON, or with a Graph error (its product's extra fields in `error`). */
export interface GraphReply {
  answer(status: number, json: unknown, headers?: Record<string, string>): void;
  fail(failure: GraphFailure): void;
}

/**
 * What Meta's Graph API fakes share (Messenger's Send API, WhatsApp's Cloud API): failures asked
 * for the next calls, bodies read as Meta reads them, and answers and errors in Graph's shape.
 */
export abstract class FakeGraphApi extends FakeHttpServer {
  private readonly failures: GraphFailure[] = [];

  /** Makes the next sends fail, one per failure given. */
  failNext(...failures: GraphFailure[]): void {
    this.failures.push(...failures);
  }

  /** The failure asked for the next send, taken; undefined when none is. */
  protected nextFailure(): GraphFailure | undefined {
    return this.failures.shift();
  }

  /** The body as JSON; an unreadable one as `{}`, which the fake then refuses as Meta refuses a missing field. */
  protected jsonOf(raw: string): Record<string, unknown> {
    try {
      return JSON.parse(raw || '{}') as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  /** Answers the request, recording the status on its call; errors carry `extra` fields in `error`. */
  protected replyTo(res: ServerResponse, call: AnsweredCall, extra: (failure: GraphFailure) => Record<string, unknown> = () => ({})): GraphReply {
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(json));
    };
    const fail = (failure: GraphFailure) => answer(failure.status, { error: { message: failure.message, type: 'OAuthException', code: failure.code, ...extra(failure), fbtrace_id: 'AbCdEfGh' } }, failure.headers);
    return { answer, fail };
  }
}
