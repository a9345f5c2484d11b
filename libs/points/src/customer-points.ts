import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { MetricsService } from '@turbota/observability';
import { execute, qb } from '@turbota/persistence';
import { isPointCode } from './point-code';

/** How long a registered code is believed without asking again: a removed point stops counting within this. */
const KNOWN_MS = 10_000;
const MAX_KNOWN = 10_000;

/**
 * The gate a point code from a customer passes (a QR link, a deep link): only a registered
 * point's code is kept, so nobody can invent a point (or a "problem" at one, or smuggle words
 * into filters and exports). Anything else is dropped and counted, and the customer's
 * conversation goes on without a point.
 */
@Injectable()
export class CustomerPoints {
  /** Registered codes seen lately, until when they are believed. Unknown codes are never remembered, so a new point works at once. */
  private readonly known = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * The code when it names a registered point; otherwise null, counted for the channel.
   * `undefined` is "no point given" (null, not counted); `null` is "something given that is no
   * code at all" (a parser's verdict on free text: counted, and the text goes no further).
   */
  async accept(channel: string, given: string | null | undefined): Promise<string | null> {
    if (given === undefined) return null;
    if (isPointCode(given) && (await this.isRegistered(given))) return given;
    this.metrics.unknownPointCodes.inc({ channel });
    return null;
  }

  private async isRegistered(code: string): Promise<boolean> {
    const until = this.known.get(code);
    if (until !== undefined && until > Date.now()) return true;
    const rows = await execute(this.dataSource, qb.selectFrom('point_of_service').select(sql<number>`1`.as('one')).where('code', '=', code));
    this.known.delete(code);
    if (rows.length === 0) return false;
    if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.keys().next().value!);
    this.known.set(code, Date.now() + KNOWN_MS);
    return true;
  }
}
