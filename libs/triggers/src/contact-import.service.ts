import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock, InvalidInputError } from '@turbota/common';
import { byteLimit, csvRecords } from '@turbota/csv';
import type { ContactEntity } from '@turbota/persistence';
import type { DecisionKind } from './contact-decision';
import { ContactBatch } from './contact-batch';
import { type ContactInput, contactLineSchema } from './contact-input';
import { CONTACT_IMPORT_COLUMNS, type ImportColumn, parseImportLine, readImportHeader } from './contact-import-rows';
import { ContactService } from './contact.service';

/** What a contact import did: how many lines it accepted, their decisions, and the lines it refused and why. */
export interface ContactImportResult {
  accepted: number;
  decisions: Record<DecisionKind, number>;
  /** The first `MAX_LISTED_REJECTIONS` refused lines (line 1 is the header). */
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
}

/** Larger files are refused with 413; the body is read as a stream, so this bounds the work, not memory. */
export const CONTACT_IMPORT_LIMIT_BYTES = 200 * 1024 * 1024;
/** Lines per transaction: big enough for set-wise reads and writes, small enough to hold briefly. */
const BATCH_SIZE = 1_000;
const MAX_LISTED_REJECTIONS = 1_000;

interface Line {
  line: number;
  input: ContactInput;
}

/**
 * Imports finished contacts from a CSV stream and decides each exactly as `POST /contacts`
 * would. Lines are read as the batches are written: the parser is not read while a batch is
 * in its transaction, so the request waits in the socket and memory stays flat whatever the
 * file's size. A batch that fails as a whole is retried line by line, so a line is recorded
 * whole or refused, never half. Invitations go to the outbox, which paces each channel.
 */
@Injectable()
export class ContactImportService {
  private readonly logger = new Logger('ContactImport');
  private readonly schema = contactLineSchema(() => this.clock.now());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly batches: ContactBatch,
    private readonly contacts: ContactService,
  ) {}

  async import(body: Readable): Promise<ContactImportResult> {
    const result: ContactImportResult = { accepted: 0, decisions: { invited: 0, scheduled: 0, skipped: 0 }, rejected: [], rejectedCount: 0 };
    const reject = (line: number, reason: string) => {
      result.rejectedCount += 1;
      if (result.rejected.length < MAX_LISTED_REJECTIONS) result.rejected.push({ line, reason });
    };
    const parser = csvRecords(reject);
    const source = body.pipe(byteLimit(CONTACT_IMPORT_LIMIT_BYTES));
    source.on('error', (error) => parser.destroy(error));
    source.pipe(parser);
    let columns: ImportColumn[] | undefined;
    let batch: Line[] = [];
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        const header = readImportHeader(record);
        if (!header.ok) throw new InvalidInputError(header.problem);
        columns = header.columns;
        continue;
      }
      const parsed = parseImportLine(this.schema, columns, record);
      if (!parsed.ok) reject(info.lines, parsed.reason);
      else batch.push({ line: info.lines, input: parsed.input });
      if (batch.length === BATCH_SIZE) {
        await this.store(batch, result, reject);
        batch = [];
      }
    }
    if (!columns) throw new InvalidInputError(`The CSV is empty: its first line must be the header ${CONTACT_IMPORT_COLUMNS.join(',')}`);
    await this.store(batch, result, reject);
    return result;
  }

  private async store(batch: Line[], result: ContactImportResult, reject: (line: number, reason: string) => void): Promise<void> {
    if (batch.length === 0) return;
    let contacts: (ContactEntity | string)[];
    try {
      contacts = await this.dataSource.transaction((tx) => this.batches.record(tx, batch.map((l) => l.input)));
    } catch (error) {
      this.logger.warn(`A batch of ${batch.length} contacts failed as a whole (${(error as Error).message}); recording them one by one`);
      contacts = [];
      for (const { input } of batch) contacts.push(await this.recordAlone(input));
    }
    contacts.forEach((contact, i) => {
      if (typeof contact === 'string') return reject(batch[i].line, contact);
      result.accepted += 1;
      result.decisions[contact.decision] += 1;
    });
  }

  /** One line in its own transaction: recorded whole, or the reason it could not be. */
  private async recordAlone(input: ContactInput): Promise<ContactEntity | string> {
    try {
      return await this.dataSource.transaction((tx) => this.contacts.recordIn(tx, input));
    } catch (error) {
      return `could not be recorded: ${(error as Error).message}`;
    }
  }
}
