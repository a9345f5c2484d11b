import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { TooLargeError } from '@turbota/common';
import { byteLimit } from './byte-limit';

describe('byteLimit', () => {
  it('passes a body up to the limit unchanged', async () => {
    await expect(text(Readable.from([Buffer.from('abc'), Buffer.from('de')]).pipe(byteLimit(5)))).resolves.toBe('abcde');
  });

  it('fails with a TooLargeError (413 at the API) as soon as the body passes the limit', async () => {
    const limited = Readable.from([Buffer.from('abc'), Buffer.from('def')]).pipe(byteLimit(5));
    const failure = await text(limited).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TooLargeError);
    expect((failure as TooLargeError).message).toBe(`The CSV is larger than ${5 / 1024 / 1024} MB; split it into several imports`);
  });

  it('fails with a TooLargeError before reading anything when the request declares a larger Content-Length', async () => {
    const request = Object.assign(Readable.from([Buffer.from('abc')]), { headers: { 'content-length': '6' } });
    const limited = request.pipe(byteLimit(5));
    const failure = await text(limited).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TooLargeError);
    expect(request.readableFlowing).not.toBe(true);
  });
});
