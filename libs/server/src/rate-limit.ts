import { performance } from 'node:perf_hooks';
import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';

/** What a bucket says to one request: go ahead, or come back after so many whole seconds. */
export type BucketVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One token bucket per key, in this process's memory: a key may spend `perMinute` requests at
 * once (the burst), and gets them back at `perMinute` a minute. The least recently used keys
 * are forgotten past `maxKeys`, so a flood of new keys (addresses) cannot grow memory without end.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(private readonly options: { perMinute: number; maxKeys?: number; now?: () => number }) {
    this.perMs = options.perMinute / 60_000;
  }

  take(key: string): BucketVerdict {
    const now = this.options.now ? this.options.now() : performance.now();
    const capacity = this.options.perMinute;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.delete(key); // re-inserted last: the Map's order is the order of use
    this.buckets.set(key, bucket);
    this.forgetOldest();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  private forgetOldest(): void {
    const maxKeys = this.options.maxKeys ?? 100_000;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= maxKeys) return;
      this.buckets.delete(key);
    }
  }
}

/**
 * Counts what is held open per key (a long-lived stream) in this process, refusing a key past
 * `max` (0: no limit) until one of its slots is given back; a key with nothing open is forgotten.
 */
export class ConcurrencySlots {
  private readonly held = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** A release function when the key has a free slot (call it once, when the stream ends), or undefined. */
  take(key: string): (() => void) | undefined {
    const count = this.held.get(key) ?? 0;
    if (this.max !== 0 && count >= this.max) return undefined;
    this.held.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
    };
  }
}

/** The client's address as `TRUST_PROXY` lets Express read it (`req.ip`), for budgets per address. */
export function clientAddressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** 429 with `Retry-After` in seconds and a message saying what the limit is and when to come back. */
export function tooManyRequests(res: Response, retryAfterSeconds: number, what: string): HttpException {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpException(
    {
      statusCode: HttpStatus.TOO_MANY_REQUESTS,
      error: 'Too Many Requests',
      message: `${what}; retry after ${retryAfterSeconds} s`,
      retryAfterSeconds,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * Limits every request made with an API key (after the key guard resolved it) to the key's
 * budget. Requests without a key (webhooks, pages, health) are not counted here: platforms
 * retry webhooks, and losing them is worse than serving them.
 */
@Injectable()
export class ApiKeyRateLimit implements NestInterceptor {
  private readonly buckets: TokenBuckets;

  constructor(private readonly perMinute: number) {
    this.buckets = new TokenBuckets({ perMinute });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || this.perMinute === 0) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { principal?: { keyId: string } }>();
    const keyId = request.principal?.keyId;
    if (keyId === undefined) return next.handle();
    const verdict = this.buckets.take(keyId);
    if (verdict.allowed) return next.handle();
    const what = `This API key made more than its ${this.perMinute} requests a minute`;
    throw tooManyRequests(context.switchToHttp().getResponse<Response>(), verdict.retryAfterSeconds, what);
  }
}

/**
 * Express middleware limiting what anyone may do without credentials, per client address
 * (`req.ip`, which follows X-Forwarded-For only as far as TRUST_PROXY says).
 */
export function perAddressRateLimit(options: { perMinute: number; what: string }) {
  const buckets = new TokenBuckets({ perMinute: options.perMinute, maxKeys: 50_000 });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (options.perMinute === 0) return next();
    const verdict = buckets.take(clientAddressOf(req));
    if (verdict.allowed) return next();
    const error = tooManyRequests(res, verdict.retryAfterSeconds, `More than ${options.perMinute} ${options.what} a minute came from this address`);
    res.status(error.getStatus()).json(error.getResponse());
  };
}
