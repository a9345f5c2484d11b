import { BadRequestException } from '@nestjs/common';

/** A page position: the time and id of the last row seen (newest first), opaque to callers. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new BadRequestException('cursor must be a value returned as nextCursor');
  }
}

/** `cursor` query parameters, checked before decoding. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;
