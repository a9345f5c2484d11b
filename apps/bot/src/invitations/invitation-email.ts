import type { Locale } from '@turbota/common';
import type { Prompt } from '@turbota/dialogue';
import { escapeHtml } from '../escape-html';

/** The words of an invitation e-mail in one language (`config/invitation-texts.json`, `email`). */
export interface EmailTexts {
  subject: string;
  /** Under the score buttons: what a click does. */
  answerHint: string;
  /** The button that opens the survey without a score given. */
  open: string;
  /** The plain part's line with the survey's address: `{link}`. */
  openLine: string;
  /** The plain part's unsubscribe line: `{link}`. */
  unsubscribe: string;
  unsubscribeLabel: string;
}

/** What an invitation e-mail carries. */
export interface InvitationEmailParts {
  locale: Locale;
  greeting: string;
  /** The question the survey opens with, as the customer will see it there. */
  opening: Prompt | null;
  surveyUrl: string;
  unsubscribeUrl: string;
  texts: EmailTexts;
}

/** An e-mail as it goes: subject, plain text, HTML, and the headers that make unsubscribing one click. */
export interface InvitationEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const LINK = '{link}';

/**
 * The e-mail that carries a survey link. When the survey opens with a scale (NPS, CES, CSAT),
 * each score is a link into the web chat with that answer given, so one click answers the
 * first question (the page records it, not the click: a mail scanner that follows links
 * answers nothing). The plain part says the same with the survey's address. Unsubscribing is
 * a link in both parts and the `List-Unsubscribe` header with `List-Unsubscribe-Post` (RFC
 * 8058), which mail clients offer as one button and post to without a page.
 */
export function invitationEmail(parts: InvitationEmailParts): InvitationEmail {
  const { greeting, opening, surveyUrl, unsubscribeUrl, texts } = parts;
  const scale = opening?.kind === 'scale' ? opening : null;
  const question = opening && 'text' in opening ? opening.text : null;
  const answerUrl = (score: number) => `${surveyUrl}?answer=${score}`;
  const text = [greeting, question, texts.openLine.replace(LINK, () => surveyUrl), '', texts.unsubscribe.replace(LINK, () => unsubscribeUrl)]
    .filter((line) => line !== null)
    .join('\n');
  const scores = scale ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i) : [];
  const html = `<!doctype html>
<html lang="${parts.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(texts.subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f5f4f0;font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1b1b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px">
<tr><td style="padding:24px">
<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${escapeHtml(greeting)}</p>
${question ? `<p style="margin:0 0 16px;font-size:18px;line-height:1.4;font-weight:bold">${escapeHtml(question)}</p>` : ''}
${scale ? scaleRow(scores, answerUrl) : ''}
${scale && (scale.lowLabel || scale.highLabel) ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td style="font-size:13px;color:#555">${escapeHtml(`${scale.min} — ${scale.lowLabel ?? ''}`)}</td><td style="font-size:13px;color:#555;text-align:right">${escapeHtml(`${scale.max} — ${scale.highLabel ?? ''}`)}</td></tr></table>` : ''}
${scale ? `<p style="margin:12px 0 20px;font-size:14px;color:#555">${escapeHtml(texts.answerHint)}</p>` : ''}
<p style="margin:0 0 8px"><a href="${escapeHtml(surveyUrl)}" style="display:inline-block;padding:12px 20px;border-radius:8px;background:#1d5a4b;color:#ffffff;text-decoration:none;font-weight:bold">${escapeHtml(texts.open)}</a></p>
</td></tr>
</table>
<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#666;text-align:center"><a href="${escapeHtml(unsubscribeUrl)}" style="color:#666">${escapeHtml(texts.unsubscribeLabel)}</a></p>
</body>
</html>
`;
  return {
    subject: texts.subject,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The scores as a row of buttons, which wraps on a phone (eleven for NPS). */
function scaleRow(scores: number[], answerUrl: (score: number) => string): string {
  const cells = scores
    .map(
      (score) =>
        `<a href="${escapeHtml(answerUrl(score))}" style="display:inline-block;min-width:36px;margin:0 4px 8px 0;padding:10px 0;border:1px solid #1d5a4b;border-radius:8px;color:#1d5a4b;text-align:center;text-decoration:none;font-weight:bold;font-size:16px">${score}</a>`,
    )
    .join('');
  return `<div>${cells}</div>`;
}
