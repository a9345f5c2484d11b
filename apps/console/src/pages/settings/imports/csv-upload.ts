import { spokenLocale } from '../../../i18n/i18n';

/** An import's answer: its status (0 when the server could not be reached) and its JSON body, if any. */
export interface UploadAnswer {
  status: number;
  body: unknown;
}

/**
 * Sends a CSV to an import endpoint with the session cookie, reporting how much of it went up.
 * XMLHttpRequest, not fetch: only it tells the upload's progress. The API reads the body as it
 * stores the lines, so the progress also tells how far the import got.
 */
export function uploadCsv(path: string, file: Blob, onProgress: (sent: number, total: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Content-Type', 'text/csv');
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Accept-Language', spokenLocale());
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => resolve({ status: request.status, body: parsed(request.responseText) });
    request.onerror = () => resolve({ status: 0, body: undefined });
    request.send(file);
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The file's header and the lines after `throughLine` (1 is the header): what a responses import
 * that stopped after that line asks to be sent again. Lines end at `\n` (also ending `\r\n`).
 */
export async function linesAfter(file: Blob, throughLine: number): Promise<Blob> {
  const text = await file.text();
  const headerEnd = text.indexOf('\n') + 1;
  let start = headerEnd;
  for (let line = 1; line < throughLine && start > 0; line++) start = text.indexOf('\n', start) + 1;
  // Past the end (`start` 0): nothing is left but the header.
  return new Blob([text.slice(0, headerEnd), start > 0 ? text.slice(start) : ''], { type: 'text/csv' });
}
