import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { DIALOGUE_RANDOM, type Locale, LOCALES, projectPath, type RandomSource } from '@turbota/common';
import { NAME_PLACEHOLDER, StandardService } from '@turbota/standard';
import { type SmsSize, smsSegments } from './sms/sms-segments';

const FILE = 'config/invitation-texts.json';
const LINK_PLACEHOLDER = '{link}';

/** Per language: the line that carries the survey link, and how to opt out. */
type LinkTexts = Record<Locale, { link: string; optOut: string }>;

/** The problems of the texts file: every language, a link line holding `{link}` once, an opt-out line. */
export function invitationTextProblems(input: unknown): string[] {
  const byLocale = (typeof input === 'object' && input !== null ? input : {}) as Record<string, { link?: unknown; optOut?: unknown } | undefined>;
  return LOCALES.flatMap((locale) => {
    const texts = byLocale[locale];
    const problems: string[] = [];
    if (typeof texts?.link !== 'string' || texts.link.split(LINK_PLACEHOLDER).length !== 2) problems.push(`${locale}.link must be a text holding ${LINK_PLACEHOLDER} once`);
    if (typeof texts?.optOut !== 'string' || !texts.optOut.trim()) problems.push(`${locale}.optOut must be a text`);
    return problems;
  });
}

/** An SMS as it goes, and how it counts. */
export interface SmsText extends SmsSize {
  text: string;
}

/**
 * The text message that carries a survey link: a greeting of the service standard's
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
    const { table } = await this.standard.current();
    const greetings = table.events.invitation.actions[0].phrases[locale].filter((phrase) => !phrase.includes(NAME_PLACEHOLDER));
    const { link: line, optOut } = this.texts[locale];
    const candidates = (greetings.length ? greetings : ['']).map((greeting) => {
      const text = [greeting, line.replace(LINK_PLACEHOLDER, () => link), optOut].filter(Boolean).join('\n');
      return { text, ...smsSegments(text) };
    });
    const fewest = Math.min(...candidates.map((c) => c.segments));
    const shortest = candidates.filter((c) => c.segments === fewest);
    return shortest[Math.floor(this.random() * shortest.length)];
  }
}
