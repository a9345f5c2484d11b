import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@turbota/common';
import { type NextSteps, nextStepsOf, type NextStepsLocales, type StandardEvent, StandardService } from '@turbota/standard';

/** The service standard as incidents need it: the version to create under, and the next steps of a version. */
@Injectable()
export class StandardVersions {
  constructor(private readonly standard: StandardService) {}

  /** The current version, read in the caller's transaction (another connection would wait on it). */
  async currentVersion(tx: EntityManager): Promise<number> {
    return (await this.standard.current(tx)).version;
  }

  /** The next steps by a version, in one language or two; inside a transaction, pass it (the version may not be cached yet). */
  async nextSteps(event: StandardEvent, locales: Locale | NextStepsLocales, version: number, tx?: EntityManager): Promise<NextSteps> {
    const found = await this.standard.version(version, tx);
    return nextStepsOf(found.table, event, locales, found.version);
  }
}
