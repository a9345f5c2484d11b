import { Transform } from 'node:stream';
import { HttpException, HttpStatus } from '@nestjs/common';

/** Passes a stream through until `limit` bytes, then fails it with 413 saying how to proceed. */
export function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) return done(new HttpException(`The CSV is larger than ${limit / 1024 / 1024} MB; split it into several imports`, HttpStatus.PAYLOAD_TOO_LARGE));
      done(null, chunk);
    },
  });
}
