import { NotFoundError, TooLargeError } from '@turbota/common';
import { httpExceptionOf } from './domain-errors-http';

describe('httpExceptionOf', () => {
  it('answers a too-large input with 413 and its message, as the body parsers answer an oversized body', () => {
    const exception = httpExceptionOf(new TooLargeError('The CSV is larger than 100 MB; split it into several imports'));
    expect(exception.getStatus()).toBe(413);
    expect(exception.getResponse()).toBe('The CSV is larger than 100 MB; split it into several imports');
  });

  it('answers a missing thing with 404', () => {
    expect(httpExceptionOf(new NotFoundError('No incident 7')).getStatus()).toBe(404);
  });
});
