import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AnswerEntity } from '@turbota/persistence';
import { csvLine, type CsvValue } from '@turbota/reports';

/**
 * The export's columns. No personal data: neither our customer id nor an imported customer
 * reference, and no free text (customers write phone numbers and names into it).
 */
export const EXPORT_COLUMNS = [
  'id',
  'answered_at',
  'source',
  'conversation_id',
  'question_code',
  'question_type',
  'integral',
  'factor',
  'score',
  'choice',
  'channel',
  'locale',
  'point_of_service',
  'agent',
  'service_type',
  'pool_id',
  'pool_version',
] as const;

function exportRow(a: AnswerEntity): CsvValue[] {
  return [
    a.id,
    a.answeredAt,
    a.source,
    a.conversationId,
    a.questionCode,
    a.questionType,
    a.integral,
    a.factor,
    a.score,
    a.choice,
    a.channel,
    a.locale,
    a.pointOfService,
    a.agent,
    a.serviceType,
    a.poolId,
    a.poolVersion,
  ];
}

/** Writes the header and every page of answers as CSV, waiting whenever the client reads slower than we query. */
export async function writeResponsesCsv(pages: AsyncIterable<AnswerEntity[]>, out: Writable): Promise<void> {
  out.write(csvLine(EXPORT_COLUMNS));
  for await (const page of pages) {
    const chunk = page.map((answer) => csvLine(exportRow(answer))).join('');
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    if (out.destroyed) return;
  }
  out.end();
}
