import { useCallback, useState } from 'react';
import { linesAfter, type UploadAnswer, uploadCsv } from './csv-upload';

/** What is imported, and where. */
export type ImportKind = 'contacts' | 'responses';

const PATHS: Record<ImportKind, string> = { contacts: '/api/v1/imports/contacts', responses: '/api/v1/imports/responses' };

/** A line of the file the import refused, and why (in the API's words, which are English). */
export interface RefusedLine {
  line: number;
  reason: string;
}

/** What an import did with the file (over all its parts, when it was resumed). */
export interface ImportOutcome {
  accepted: number;
  /** A contacts import: the decisions on the accepted lines. */
  decisions?: { invited: number; scheduled: number; skipped: number };
  rejected: RefusedLine[];
  rejectedCount: number;
}

/** Where an import that stopped half way may go on: the lines up to `throughLine` are stored or refused. */
export interface ResumePoint {
  throughLine: number;
  stored: ImportOutcome;
}

/** An import's state on the page. */
export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; sent: number; total: number }
  | { phase: 'done'; outcome: ImportOutcome }
  | { phase: 'failed'; status: number; message: string; resume?: ResumePoint };

const EMPTY: ImportOutcome = { accepted: 0, rejected: [], rejectedCount: 0 };

/** The outcome of a part of the file whose line 2 was the file's line `offset + 2`, added to what came before. */
function merged(before: ImportOutcome, body: Partial<ImportOutcome>, offset: number): ImportOutcome {
  const decisions = body.decisions && {
    invited: (before.decisions?.invited ?? 0) + body.decisions.invited,
    scheduled: (before.decisions?.scheduled ?? 0) + body.decisions.scheduled,
    skipped: (before.decisions?.skipped ?? 0) + body.decisions.skipped,
  };
  return {
    accepted: before.accepted + (body.accepted ?? 0),
    decisions: decisions ?? before.decisions,
    rejected: [...before.rejected, ...(body.rejected ?? []).map((refused) => ({ ...refused, line: refused.line + offset }))],
    rejectedCount: before.rejectedCount + (body.rejectedCount ?? 0),
  };
}

/** A stopped import's answer: how far it stored, and what it stored and refused up to there. */
interface Interrupted extends Partial<ImportOutcome> {
  message?: unknown;
  storedThroughLine?: unknown;
}

function messageOf(answer: UploadAnswer): string {
  const body = answer.body as Interrupted | string | undefined;
  if (typeof body === 'string') return body;
  if (Array.isArray(body?.message)) return (body.message as unknown[]).join('; ');
  return typeof body?.message === 'string' ? body.message : '';
}

/**
 * Uploads a CSV to an import with its progress, and keeps what came of it. A responses import
 * that stopped half way names the last line it stored; `resume` then sends the header and the
 * lines after it, and the lines the second part refuses are numbered as in the whole file.
 */
export function useCsvImport(kind: ImportKind) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });

  const send = useCallback(
    async (part: Blob, offset: number, before: ImportOutcome, earlier?: ResumePoint) => {
      setState({ phase: 'uploading', sent: 0, total: part.size });
      const answer = await uploadCsv(PATHS[kind], part, (sent, total) => setState({ phase: 'uploading', sent, total }));
      const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as Interrupted;
      if (answer.status === 200) return setState({ phase: 'done', outcome: merged(before, body, offset) });
      const stored = typeof body.storedThroughLine === 'number' ? { throughLine: body.storedThroughLine + offset, stored: merged(before, body, offset) } : earlier;
      setState({ phase: 'failed', status: answer.status, message: messageOf(answer), resume: stored });
    },
    [kind],
  );

  const start = useCallback((file: Blob) => send(file, 0, EMPTY), [send]);
  const resume = useCallback(
    async (file: Blob, point: ResumePoint) => send(await linesAfter(file, point.throughLine), point.throughLine - 1, point.stored, point),
    [send],
  );
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, resume, reset };
}
