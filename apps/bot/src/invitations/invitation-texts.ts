import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { DIALOGUE_RANDOM, type Locale, LOCALES, projectPath, type RandomSource } from '@turbota/common';
import { NAME_PLACEHOLDER, StandardService } from '@turbota/standard';
import { type EmailTexts, type InvitationEmail, invitationEmail, type InvitationEmailParts } from './invitation-email';
import { type SmsSize, smsSegments } from './sms/sms-segments';

const FILE = 'config/invitation-texts.json';
const LINK_PLACEHOLDER = '{link}';

/** Per language: the SMS's line that carries the survey link and how to opt out, and the e-mail's words. */
type LinkTexts = Record<Locale, { link: string; optOut: string; email: EmailTexts }>;

/** The e-mail's texts, and whether each carries `{link}` (once) or none. */
const EMAIL_TEXTS: Record<keyof EmailTexts, boolean> = { subject: false, answerHint: false, open: false, openLine: true, unsubscribe: true, unsubscribeLabel: false };

/**
 * The problems of the texts file: every language, a link line holding `{link}` once, an
 * opt-out line, and every e-mail text (those that carry the link holding it once).
 */
export function invitationTextProblems(input: unknown): string[] {
  const byLocale = (typeof input === 'object' && input !== null ? input : {}) as Record<string, { link?: unknown; optOut?: unknown; email?: Record<string, unknown> } | undefined>;
  const holdsLink = (text: unknown) => typeof text === 'string' && text.split(LINK_PLACEHOLDER).length === 2;
  return LOCALES.flatMap((locale) => {
    const texts = byLocale[locale];
    const problems: string[] = [];
    if (!holdsLink(texts?.link)) problems.push(`${locale}.link must be a text holding ${LINK_PLACEHOLDER} once`);
    if (typeof texts?.optOut !== 'string' || !texts.optOut.trim()) problems.push(`${locale}.optOut must be a text`);
    for (const [name, withLink] of Object.entries(EMAIL_TEXTS)) {
      const text = texts?.email?.[name];
      if (withLink ? !holdsLink(text) : typeof text !== 'string' || !text.trim() || text.includes(LINK_PLACEHOLDER)) {
        problems.push(`${locale}.email.${name} must be a text${withLink ? ` holding ${LINK_PLACEHOLDER} once` : ''}`);
      }
    }
    return problems;
  });
}

/** An SMS as it goes, and how it counts. */
export interface SmsText extends SmsSize {
  text: string;
}

/**
 * The messages that carry a survey link. The text message: a greeting of the service standard's
 * invitation event, the link line and the opt-out line of `config/invitation-texts.json`.
 * Among the greetings (those without the customer's name: a text message is no place for it),
 * one is drawn from those that keep the message in the fewest segments, since each costs.
 */
@Injectable()
export class InvitationTexts {
  private readonly texts: LinkTexts;

  constructor(
    private readonly standard: StandardService,
    @Inject(DIALOGUE_RANDOM) private readonly random: RandomSource,
  ) {
    const parsed: unknown = JSON.parse(readFileSync(projectPath(FILE), 'utf8'));
    const problems = invitationTextProblems(parsed);
    if (problems.length) throw new Error(`${FILE} is not valid: ${problems.join('; ')}`);
    this.texts = parsed as LinkTexts;
  }

  async sms(locale: Locale, link: string): Promise<SmsText> {
    const greetings = await this.greetings(locale);
    const { link: line, optOut } = this.texts[locale];
    const candidates = (greetings.length ? greetings : ['']).map((greeting) => {
      const text = [greeting, line.replace(LINK_PLACEHOLDER, () => link), optOut].filter(Boolean).join('\n');
      return { text, ...smsSegments(text) };
    });
    const fewest = Math.min(...candidates.map((c) => c.segments));
    const shortest = candidates.filter((c) => c.segments === fewest);
    return shortest[Math.floor(this.random() * shortest.length)];
  }

  /**
   * The e-mail that carries a survey link (see {@link invitationEmail}): a greeting of the
   * standard's invitation event, by the customer's name when it is known, and the question the
   * survey opens with.
   */
  async email(locale: Locale, parts: Omit<InvitationEmailParts, 'locale' | 'greeting' | 'texts'> & { customerName?: string }): Promise<InvitationEmail> {
    const { customerName, ...rest } = parts;
    const greetings = await this.greetings(locale, customerName);
    const greeting = greetings.length ? greetings[Math.floor(this.random() * greetings.length)] : '';
    return invitationEmail({ ...rest, locale, greeting, texts: this.texts[locale].email });
  }

  /** The standard's invitation greetings: those by name, filled in, when there is one and the standard has them; else those without it. */
  private async greetings(locale: Locale, name?: string): Promise<string[]> {
    const { table } = await this.standard.current();
    const phrases = table.events.invitation.actions[0].phrases[locale];
    const byName = name ? phrases.filter((phrase) => phrase.includes(NAME_PLACEHOLDER)).map((phrase) => phrase.replaceAll(NAME_PLACEHOLDER, name)) : [];
    return byName.length ? byName : phrases.filter((phrase) => !phrase.includes(NAME_PLACEHOLDER));
  }
}
