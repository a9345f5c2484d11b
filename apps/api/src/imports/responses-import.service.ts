import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@turbota/common';
import { AnswerEntity } from '@turbota/persistence';
import { addToRollups } from '@turbota/reports';
import { byteLimit, csvRecords } from '@turbota/server';
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
const BATCH_SIZE = 1000;
const MAX_LISTED_REJECTIONS = 1000;

/**
 * Imports answers another tool collected from a CSV stream. Valid lines are stored in batches,
 * each batch with its rollup increments in one transaction, so a batch is never half applied
 * and the reports always agree with the answers.
 */
@Injectable()
export class ResponsesImportService {
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
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header) {
        const problem = headerProblem(record);
        if (problem) throw new BadRequestException(problem);
        header = false;
        continue;
      }
      const verdict = parseRow(record, now);
      if (!verdict.ok) reject(info.lines, verdict.reason);
      else batch.push(verdict.answer);
      if (batch.length === BATCH_SIZE) {
        await this.store(result.importId, batch);
        result.accepted += batch.length;
        batch = [];
      }
    }
    if (header) throw new BadRequestException(`the CSV is empty: its first line must be the header ${IMPORT_HEADER.join(',')}`);
    if (batch.length) await this.store(result.importId, batch);
    result.accepted += batch.length;
    result.rejected.sort((a, b) => a.line - b.line);
    return result;
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
