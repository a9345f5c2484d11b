import { Transform } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import { TooLargeError } from '@turbota/common';

/**
 * Passes a stream through until `limit` bytes, then fails it with a {@link TooLargeError} (413 at
 * the API) saying how to proceed.
 * Piped from a request whose Content-Length already says it is larger, it fails at once,
 * before a byte is read.
 */
export function byteLimit(limit: number): Transform {
  const tooLarge = () => new TooLargeError(`The CSV is larger than ${limit / 1024 / 1024} MB; split it into several imports`);
  let seen = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) return done(tooLarge());
      done(null, chunk);
    },
  });
  stream.once('pipe', (source: { headers?: IncomingHttpHeaders }) => {
    const declared = Number(source.headers?.['content-length']);
    if (declared > limit) stream.destroy(tooLarge());
  });
  return stream;
}
