import type { FuzzRandom } from './fuzz-random';

/** Loose JSON, as the generators build and mutate it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Strings a parser meets in the wild and in attacks: control bytes, broken UTF-16, scripts, emoji. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(64),
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u202eevil\u202c',
  'مرحبا بالعالم',
  'שלום',
  '👩‍👩‍👧‍👦🏳️‍🌈🤦🏽‍♀️',
  'Z̴̡̛̙͎a̸̢̺l̷g̶o',
  '\ufeffbom',
  '\r\n\t\b\f\v',
  '\u2028\u2029',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '%00',
  '%ZZ',
  "' OR 1=1 --",
  '"; DROP TABLE answer; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '2026-13-45T25:61:61Z',
  '0000-00-00',
  '9999999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-fffffffffffff',
  'inc-99999999999',
  's:99',
  'c:',
  '/start',
  '/complain',
  'start ' + 'x'.repeat(70),
  'Ⅻ٣۳߃',
  '\u0085\u00a0\u1680\u3000',
];

const NASTY_NUMBERS = [0, -0, -1, 1, 1.5, -1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324, 999999999999, 11, 255, 65536];

/** A string a few characters long to megabytes long, of one nasty kind. */
export function hostileString(rng: FuzzRandom): string {
  const roll = rng.next();
  if (roll < 0.55) return rng.pick(NASTY_STRINGS);
  if (roll < 0.7) return Array.from({ length: rng.int(1, 8) }, () => rng.pick(NASTY_STRINGS)).join('');
  if (roll < 0.85) return rng.pick(['x', 'я', '😀', '\u0000', '\ud800', 'ab ']).repeat(rng.int(200, 5_000));
  if (roll < 0.95) return randomText(rng, rng.int(1, 300));
  return rng.pick(['x', 'Ї', '🦄']).repeat(rng.int(20_000, 60_000));
}

/** Code points from every plane, surrogates and controls included. */
function randomText(rng: FuzzRandom, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const plane = rng.next();
    const code = plane < 0.5 ? rng.int(0, 0x7f) : plane < 0.8 ? rng.int(0x80, 0xffff) : rng.int(0x10000, 0x10ffff);
    text += String.fromCodePoint(code);
  }
  return text;
}

export function hostileNumber(rng: FuzzRandom): number {
  return rng.chance(0.7) ? rng.pick(NASTY_NUMBERS) : (rng.next() - 0.5) * 10 ** rng.int(0, 20);
}

/** Any JSON value of a wrong kind: the number as a string, an array for an object, and so on. */
export function hostileValue(rng: FuzzRandom, depth = 0): Json {
  const roll = rng.next();
  if (roll < 0.35) return hostileString(rng);
  if (roll < 0.5) return hostileNumber(rng);
  if (roll < 0.58) return String(hostileNumber(rng));
  if (roll < 0.64) return rng.pick([null, true, false]);
  if (roll < 0.74 && depth < 3) return Array.from({ length: rng.int(0, 4) }, () => hostileValue(rng, depth + 1));
  if (roll < 0.84 && depth < 3) return randomObject(rng, depth + 1);
  if (roll < 0.9) return deepNest(rng, rng.int(50, 500));
  return rng.pick([[], {}, [null], { '': '' }, JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as Json, JSON.parse('{"__proto__":{"polluted":true}}') as Json]);
}

export function randomObject(rng: FuzzRandom, depth = 0): { [key: string]: Json } {
  const object: { [key: string]: Json } = {};
  for (let i = rng.int(0, 6); i > 0; i--) object[rng.chance(0.5) ? rng.pick(NASTY_STRINGS) : randomText(rng, rng.int(1, 12))] = hostileValue(rng, depth + 1);
  return object;
}

/** Arrays or objects nested `depth` deep: a recursive reader's stack. */
export function deepNest(rng: FuzzRandom, depth: number): Json {
  let value: Json = rng.pick([1, 'x', null, {}]);
  const asArray = rng.chance(0.5);
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** Every path to a value inside `value`. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length >= 400 || !value || typeof value !== 'object') return out;
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  for (const key of keys) {
    out.push([...prefix, key]);
    paths((value as Record<string, Json>)[key], [...prefix, key], out);
  }
  return out;
}

/**
 * A valid request bent out of shape: a few fields replaced with wrong kinds of values, deleted,
 * wrapped in arrays or given unknown siblings, so the case passes the outer checks and reaches
 * the parser behind them.
 */
export function mutate(rng: FuzzRandom, valid: Json): Json {
  const copy = JSON.parse(JSON.stringify(valid)) as Json;
  if (!copy || typeof copy !== 'object') return hostileValue(rng);
  for (let i = rng.int(1, 3); i > 0; i--) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = rng.pick(all);
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key], copy) as Record<string, Json>;
    const key = path[path.length - 1];
    const roll = rng.next();
    if (roll < 0.6) parent[key] = hostileValue(rng);
    else if (roll < 0.75 && !Array.isArray(parent)) delete parent[key];
    else if (roll < 0.85) parent[key] = [parent[key]];
    else if (!Array.isArray(parent)) parent[rng.pick(NASTY_STRINGS) || 'extra'] = hostileValue(rng);
  }
  return copy;
}

/** A request body as bytes, and the Content-Type it goes with (absent: none sent). */
export interface RawBody {
  body: Buffer;
  contentType?: string;
  /** How it was made, for the report of a failing case. */
  shape: string;
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/vnd.api+json', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=nonsense'];
const WRONG_TYPES = ['text/plain', 'application/xml', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/csv', '*/*', 'application/x-www-form-urlencoded', 'application/json, text/plain', 'garbage'];

/**
 * The bytes of a hostile body around an (optionally) valid JSON value: the value itself,
 * mutated, truncated, with invalid UTF-8 inside, of a random shape, empty, or under a
 * Content-Type that does not fit.
 */
export function hostileJsonBody(rng: FuzzRandom, valid: Json | undefined): RawBody {
  const roll = rng.next();
  const json = (value: Json, shape: string): RawBody => ({ body: Buffer.from(JSON.stringify(value) ?? 'null'), contentType: 'application/json', shape });
  if (valid !== undefined && roll < 0.45) return json(mutate(rng, valid), 'mutated');
  if (roll < 0.55) return json(hostileValue(rng), 'wrong-shape');
  if (roll < 0.6) {
    // Written out, not stringified: deeper than this process's own JSON.stringify reaches.
    const depth = rng.int(1_000, 50_000);
    const [open, close] = rng.pick([['[', ']'], ['{"a":', '}']]);
    return { body: Buffer.from(`${open.repeat(depth)}1${close.repeat(depth)}`), contentType: 'application/json', shape: 'deep-nesting' };
  }
  if (roll < 0.68) {
    const text = JSON.stringify(valid ?? randomObject(rng));
    return { body: Buffer.from(text.slice(0, rng.int(0, Math.max(0, text.length - 1)))), contentType: 'application/json', shape: 'truncated' };
  }
  if (roll < 0.74) {
    const text = Buffer.from(JSON.stringify(valid ?? { text: 'x' }));
    const at = rng.int(0, text.length);
    const bad = Buffer.from(rng.pick([[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x00]]));
    return { body: Buffer.concat([text.subarray(0, at), bad, text.subarray(at)]), contentType: 'application/json', shape: 'invalid-utf8' };
  }
  if (roll < 0.78) return { body: Buffer.alloc(0), contentType: rng.chance(0.5) ? 'application/json' : undefined, shape: 'empty' };
  if (roll < 0.83) return { ...json(valid ?? randomObject(rng), 'wrong-content-type'), contentType: rng.chance(0.2) ? undefined : rng.pick(WRONG_TYPES) };
  if (roll < 0.87) return { ...json(valid !== undefined ? mutate(rng, valid) : randomObject(rng), 'odd-json-content-type'), contentType: rng.pick(JSON_TYPES) };
  if (roll < 0.9) return { body: Buffer.from(`{"text":"${'x'.repeat(rng.int(1_048_000, 1_100_000))}"}`), contentType: 'application/json', shape: 'oversized' };
  if (roll < 0.95) return { body: Buffer.from(rng.pick(['{', '[', '"', 'nul', '{"a":}', '{"a" 1}', "{'a':1}", '[1,]', '{"a":1}{"b":2}', '\ufeff{}', '1', '"x"', 'true', 'null', '-', '1e99999'])), contentType: 'application/json', shape: 'malformed-json' };
  return json(valid === undefined ? randomObject(rng) : valid, 'valid');
}

/** A hostile `application/x-www-form-urlencoded` body: broken escapes, nested brackets, too many fields. */
export function hostileFormBody(rng: FuzzRandom, valid: Record<string, string>): RawBody {
  const roll = rng.next();
  const form = (fields: [string, string][], shape: string): RawBody => ({ body: Buffer.from(new URLSearchParams(fields).toString()), contentType: 'application/x-www-form-urlencoded', shape });
  if (roll < 0.4) {
    const fields = Object.entries(valid).map(([k, v]): [string, string] => {
      if (!rng.chance(0.6)) return [k, v];
      const value = hostileValue(rng);
      return [k, typeof value === 'string' ? value : JSON.stringify(value)];
    });
    return form(fields, 'mutated-form');
  }
  if (roll < 0.55) {
    // The JSON inside a `payload=` field bent out of shape, as interactivity carries it.
    const inner = valid.payload === undefined ? undefined : (JSON.parse(valid.payload) as Json);
    const body = hostileJsonBody(rng, inner);
    return form([...Object.entries(valid).filter(([k]) => k !== 'payload'), ['payload', body.body.toString('utf8')]], `payload-${body.shape}`);
  }
  if (roll < 0.65) return { body: Buffer.from(rng.pick(['%', '%E0%A4%A', 'a=%ZZ', 'payload=%FF%FE', '&&&=&=', 'a[b][c][d][e][f][g][h][i][j][k]=1', 'a[]=1&a[]=2&a[0][x]=y', '=', 'payload', '__proto__[x]=1', 'constructor[prototype][x]=1', 'command=&command=/x'])), contentType: 'application/x-www-form-urlencoded', shape: 'broken-form' };
  if (roll < 0.7) return { body: Buffer.from(Array.from({ length: rng.int(1_001, 3_000) }, (_, i) => `f${i}=${i}`).join('&')), contentType: 'application/x-www-form-urlencoded', shape: 'too-many-fields' };
  if (roll < 0.75) return { body: Buffer.from(`payload=${'%41'.repeat(rng.int(360_000, 400_000))}`), contentType: 'application/x-www-form-urlencoded', shape: 'oversized-form' };
  if (roll < 0.8) return { body: Buffer.from(new URLSearchParams(valid).toString()), contentType: rng.pick(WRONG_TYPES), shape: 'form-wrong-content-type' };
  if (roll < 0.85) return { body: Buffer.concat([Buffer.from('payload='), Buffer.from([0xff, 0xfe, 0xc0, 0x80])]), contentType: 'application/x-www-form-urlencoded', shape: 'form-invalid-utf8' };
  return form(Object.entries(valid), 'valid-form');
}
