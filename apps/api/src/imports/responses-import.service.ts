import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BadRequestException, HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock, DomainError } from '@turbota/common';
import { byteLimit, csvRecords } from '@turbota/csv';
import { AnswerEntity } from '@turbota/persistence';
import { addToRollups, MAX_ROLLUP_BATCH } from '@turbota/reports';
import { httpExceptionOf } from '@turbota/server';
import { headerProblem, IMPORT_HEADER, ImportedAnswer, parseRow } from './responses-import.rows';

/** What an import did: how many answers it stored, and the lines it refused and why. */
export interface ResponsesImportResult {
  /** Marks every answer of this import (`answer.import_batch_id`). */
  importId: string;
  accepted: number;
  /** The first `MAX_LISTED_REJECTIONS` refused lines. */
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
}

/** Larger files are refused with 413; the body is read as a stream, so this bounds the work, not memory. */
export const IMPORT_BODY_LIMIT_BYTES = 100 * 1024 * 1024;
// A batch's answers and their rollup increments go in together: as many as one rollup statement takes.
const BATCH_SIZE = MAX_ROLLUP_BATCH;
const MAX_LISTED_REJECTIONS = 1000;

/** What a caller needs when an import stops half way: what is stored, and where to resume. */
export interface InterruptedImport {
  statusCode: number;
  error: string;
  message: string;
  importId: string;
  accepted: number;
  /** Every line up to this one (1 is the header) was either stored or reported in `rejected`. */
  storedThroughLine: number;
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
}

/**
 * Imports answers another tool collected from a CSV stream. Valid lines are stored in batches,
 * each batch with its rollup increments in one transaction, so a batch is never half applied
 * and the reports always agree with the answers. When the import stops half way (the
 * database fails, the file turns out too large), the error still names the import and the
 * last line stored, so the caller resends only the rest.
 */
@Injectable()
export class ResponsesImportService {
  private readonly logger = new Logger(ResponsesImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async import(body: Readable): Promise<ResponsesImportResult> {
    const result: ResponsesImportResult = { importId: randomUUID(), accepted: 0, rejected: [], rejectedCount: 0 };
    const reject = (line: number, reason: string) => {
      result.rejectedCount += 1;
      if (result.rejected.length < MAX_LISTED_REJECTIONS) result.rejected.push({ line, reason });
    };
    const parser = csvRecords(reject);
    const source = body.pipe(byteLimit(IMPORT_BODY_LIMIT_BYTES));
    source.on('error', (error) => parser.destroy(error));
    source.pipe(parser);
    const now = this.clock.now();
    let header = true;
    let batch: ImportedAnswer[] = [];
    let line = 0;
    const done = { line: 0, rejectedCount: 0 };
    const flush = async () => {
      await this.store(result.importId, batch);
      result.accepted += batch.length;
      Object.assign(done, { line, rejectedCount: result.rejectedCount });
      batch = [];
    };
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        line = info.lines;
        if (header) {
          const problem = headerProblem(record);
          if (problem) throw new BadRequestException(problem);
          header = false;
          continue;
        }
        const verdict = parseRow(record, now);
        if (!verdict.ok) reject(info.lines, verdict.reason);
        else batch.push(verdict.answer);
        if (batch.length === BATCH_SIZE) await flush();
      }
      if (header) throw new BadRequestException(`the CSV is empty: its first line must be the header ${IMPORT_HEADER.join(',')}`);
      if (batch.length) await flush();
    } catch (error) {
      throw result.accepted === 0 ? error : this.interrupted(error, result, done);
    }
    result.rejected.sort((a, b) => a.line - b.line);
    return result;
  }

  /** The error of an import that stored some batches before it stopped, saying which. */
  private interrupted(error: unknown, result: ResponsesImportResult, done: { line: number; rejectedCount: number }): HttpException {
    // A refusal (the file too large, from the size limit) keeps its status; anything else was the database.
    const known = error instanceof DomainError ? httpExceptionOf(error) : error instanceof HttpException ? error : undefined;
    if (!known) this.logger.error(`Import ${result.importId} stopped after line ${done.line}: ${(error as Error).message}`);
    const status = known ? known.getStatus() : HttpStatus.SERVICE_UNAVAILABLE;
    const body: InterruptedImport = {
      statusCode: status,
      error: (known?.getResponse() as { error?: string } | undefined)?.error || 'Service Unavailable',
      message: `The import stopped (${known ? known.message : 'the database failed'}) after line ${done.line}: ${result.accepted} answers up to it are stored as import ${result.importId}; send the lines after ${done.line} again.`,
      importId: result.importId,
      accepted: result.accepted,
      storedThroughLine: done.line,
      rejected: result.rejected.filter((r) => r.line <= done.line).sort((a, b) => a.line - b.line),
      rejectedCount: done.rejectedCount,
    };
    return new HttpException(body, status);
  }

  private async store(importId: string, answers: ImportedAnswer[]): Promise<void> {
    const rows = answers.map((a) => ({
      conversationId: null,
      customerId: null,
      source: 'import' as const,
      importBatchId: importId,
      externalCustomerRef: a.externalCustomerRef,
      channel: a.channel,
      locale: a.locale,
      agent: a.agent,
      serviceType: a.serviceType,
      pointOfService: a.pointOfService,
      questionCode: a.metric,
      questionType: a.metric,
      questionText: a.metric.toUpperCase(),
      integral: true,
      score: a.score,
      answeredAt: a.answeredAt,
    }));
    await this.dataSource.transaction(async (tx) => {
      await tx.createQueryBuilder().insert().into(AnswerEntity).values(rows).updateEntity(false).execute();
      await addToRollups(tx, answers);
    });
  }
}
