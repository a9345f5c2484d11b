import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { DIALOGUE_RANDOM, type Locale, LOCALES, projectPath, type RandomSource } from '@turbota/common';

const FILE = 'config/reminder-texts.json';

/** The problems of a reminder texts file: every language present with at least one phrase. */
export function reminderTextProblems(input: unknown): string[] {
  const byLocale = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return LOCALES.filter((locale) => {
    const variants = byLocale[locale];
    return !Array.isArray(variants) || variants.length === 0 || variants.some((v) => typeof v !== 'string' || !v.trim());
  }).map((locale) => `${locale} must be a list of one or more phrases`);
}

/**
 * The line a reminder to a silent invitee opens with, per language, from
 * `config/reminder-texts.json`; read and checked once, so a broken file stops start-up.
 */
@Injectable()
export class ReminderTexts {
  private readonly texts: Record<Locale, string[]>;

  constructor(@Inject(DIALOGUE_RANDOM) private readonly random: RandomSource) {
    const parsed: unknown = JSON.parse(readFileSync(projectPath(FILE), 'utf8'));
    const problems = reminderTextProblems(parsed);
    if (problems.length) throw new Error(`${FILE} is not valid: ${problems.join('; ')}`);
    this.texts = parsed as Record<Locale, string[]>;
  }

  /** Any of the variants, drawn from the dialogue's random source (sampling draws from its own). */
  pick(locale: Locale): string {
    const variants = this.texts[locale];
    return variants[Math.floor(this.random() * variants.length)];
  }
}
