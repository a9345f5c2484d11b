/**
 * Strings a customer sends, made storable: PostgreSQL text and JSON refuse NUL and
 * unpaired UTF-16 surrogates, which any client can put in a request. NUL is dropped and a
 * lone surrogate becomes U+FFFD, deep inside objects and arrays too.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => storable(item)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [storable(key), storable(item)])) as T;
  return value;
}
