import type { IncidentDetail, IncidentView, ProblemDetail } from '@turbota/incidents';
import { ChatClient, promptsOf } from './chat-client';
import { bearer, TEST_ADMIN_KEY } from './test-app';

/** An incident or problem as the JSON API answers it (dates as strings). */
export type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
export type IncidentJson = Json<IncidentDetail>;
export type IncidentListJson = { items: Json<IncidentView>[]; nextCursor: string | null };
export type ProblemJson = Json<ProblemDetail>;

/** Calls the REST API as one key (the admin's unless told). */
export class Api {
  constructor(
    readonly url: string,
    readonly apiKey = TEST_ADMIN_KEY,
  ) {}

  as(key: string): Api {
    return new Api(this.url, key);
  }

  call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'Content-Type': 'application/json', ...bearer(this.apiKey), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  }

  /** The JSON of a call that must answer `status`. */
  async json<T>(path: string, init: Parameters<Api['call']>[1] & { status?: number } = {}): Promise<T> {
    const res = await this.call(path, init);
    const body = (await res.json()) as T;
    if (res.status !== (init.status ?? (init.body === undefined ? 200 : 201))) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** A new API key of the role. */
  async key(role: 'admin' | 'supervisor' | 'viewer' | 'integration', name = `${role} key`): Promise<string> {
    return (await new Api(this.url).json<{ key: string }>('/api/v1/api-keys', { body: { name, role } })).key;
  }

  incident(id: string): Promise<IncidentJson> {
    return this.json<IncidentJson>(`/api/v1/incidents/${id}`);
  }

  transition(id: string, body: Record<string, unknown>, headers?: Record<string, string>): Promise<Response> {
    return this.call(`/api/v1/incidents/${id}/transitions`, { body, headers });
  }
}

let reports = 0;

/** The body of an integration's report, with a fresh externalId unless given. */
export function incidentReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { externalId: `crm-${process.pid}-${++reports}`, phone: '+380 67 765 43 21', locale: 'en', reasonCode: 'waiting', pointOfService: 'kyiv-central', metric: 'nps', score: 5, ...overrides };
}

/**
 * A web chat customer who gives a low NPS, names a reason and leaves a phone (or declines with
 * "No, thanks" when none is given). Answers the chat's session.
 */
export async function complainInWebChat(url: string, options: { point: string; score?: number; reason: string; phone?: string; locale?: string }): Promise<string> {
  const chat = new ChatClient(url);
  await chat.open({ locale: options.locale ?? 'en', point: options.point });
  const reasonPrompt = promptsOf(await chat.send({ kind: 'scale', value: options.score ?? 2 }))[0];
  if (!reasonPrompt.options?.some((o) => o.code === options.reason)) throw new Error(`No reason ${options.reason} offered: ${JSON.stringify(reasonPrompt)}`);
  await chat.send({ kind: 'choice', code: options.reason });
  if (options.phone === undefined) {
    await chat.send({ kind: 'choice', code: 'no' });
    return chat.session;
  }
  await chat.send({ kind: 'contact', phone: options.phone });
  return chat.session;
}
