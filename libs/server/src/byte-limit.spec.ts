import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { HttpException } from '@nestjs/common';
import { byteLimit } from './byte-limit';

describe('byteLimit', () => {
  it('passes a body up to the limit unchanged', async () => {
    await expect(text(Readable.from([Buffer.from('abc'), Buffer.from('de')]).pipe(byteLimit(5)))).resolves.toBe('abcde');
  });

  it('fails with 413 as soon as the body passes the limit', async () => {
    const limited = Readable.from([Buffer.from('abc'), Buffer.from('def')]).pipe(byteLimit(5));
    const failure = await text(limited).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(HttpException);
    expect((failure as HttpException).getStatus()).toBe(413);
  });

  it('fails with 413 before reading anything when the request declares a larger Content-Length', async () => {
    const request = Object.assign(Readable.from([Buffer.from('abc')]), { headers: { 'content-length': '6' } });
    const limited = request.pipe(byteLimit(5));
    const failure = await text(limited).then(
      () => null,
      (error: unknown) => error,
    );
    expect((failure as HttpException).getStatus()).toBe(413);
    expect(request.readableFlowing).not.toBe(true);
  });
});
