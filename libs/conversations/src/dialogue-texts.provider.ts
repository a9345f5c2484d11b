import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { DIALOGUE_RANDOM, type Locale, LOCALES, projectPath, type RandomSource } from '@turbota/common';
import { type DialogueState, type DialogueTexts, dialogueTextProblems, type Variants } from '@turbota/dialogue';
import { execute, qb } from '@turbota/persistence';
import { NAME_PLACEHOLDER, type NextSteps, nextVariant, StandardService } from '@turbota/standard';
import { type PhrasePick, spokenPicks, standardDialogueTexts, withoutStandardSlots } from './standard-dialogue-texts';

const FILE = 'config/dialogue-texts.json';

/** One customer's texts for one step of a dialogue, and what of them to remember after the step. */
export interface CustomerTexts {
  texts: DialogueTexts;
  /** The state to step from: without the standard's slots, so the step shows which of them it said. */
  prepare(state: DialogueState): DialogueState;
  /** The standard's variants the step said, by phrase key: kept with the step, so the next time differs. */
  said(after: DialogueState): Map<string, string>;
}

/**
 * What the bot says around the questions, per language: `config/dialogue-texts.json` (read and
 * checked once at start-up, so a broken file stops start-up with its problems), with the
 * phrases the service standard says taken from its current version, rotating per customer.
 */
@Injectable()
export class DialogueTextsProvider {
  private readonly texts: Record<Locale, DialogueTexts & { walkInGreeting: Variants }>;

  constructor(
    private readonly standard: StandardService,
    @Inject(DIALOGUE_RANDOM) private readonly random: RandomSource,
  ) {
    const path = projectPath(FILE);
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const problems = [...dialogueTextProblems(parsed), ...walkInProblems(parsed)];
    if (problems.length) throw new Error(`${FILE} is not valid: ${problems.join('; ')}`);
    this.texts = parsed as Record<Locale, DialogueTexts & { walkInGreeting: Variants }>;
  }

  /** What greets a walk-in (a survey opened from a point's QR code or link) in the language, for `withWalkInGreeting`. */
  walkInGreeting(locale: Locale): Variants {
    return this.texts[locale].walkInGreeting;
  }

  /** The texts of the file alone, for what the standard does not say (buttons, a channel's welcome). */
  for(locale: Locale): DialogueTexts {
    return this.texts[locale];
  }

  /**
   * The texts for a customer's next step: the standard's phrases, never the variant the
   * customer heard last (`heard`: each phrase's last variant when the caller read it already,
   * `{}` for a customer created in this transaction).
   */
  async forCustomer(tx: EntityManager, customerId: string, locale: Locale, heard?: Record<string, string>): Promise<CustomerTexts> {
    const { table } = await this.standard.current(tx);
    const lastHeard = heard ?? Object.fromEntries(await this.lastHeard(tx, customerId));
    // Phrases need variety, not reproducibility: they keep off the injected source, whose draws decide sampling.
    const { texts, picks } = standardDialogueTexts(this.for(locale), table, { locale, lastHeard, random: this.random });
    return {
      texts,
      prepare: withoutStandardSlots,
      said: (after) => byPhraseKey(spokenPicks(picks, after)),
    };
  }

  /**
   * What a customer hears for an event of the standard outside a dialogue step (what became of
   * their complaint): a variant of each customer-facing action in turn, never the one they
   * heard last, remembered in the caller's transaction.
   */
  async speak(tx: EntityManager, customerId: string, steps: NextSteps): Promise<string> {
    const lastHeard = new Map(await this.lastHeard(tx, customerId));
    const picks: PhrasePick[] = [];
    for (const { action, phrases } of steps.actions) {
      // No name is at hand here: only the variants that do without one.
      const variants = phrases.filter((p) => !p.includes(NAME_PLACEHOLDER));
      if (variants.length === 0) continue;
      const key = `${steps.event}.${action}`;
      picks.push({ key, variant: nextVariant(variants, lastHeard.get(key), this.random) });
    }
    await this.remember(tx, customerId, picks);
    return picks.map((pick) => pick.variant).join(' ');
  }

  private async lastHeard(tx: EntityManager, customerId: string): Promise<[string, string][]> {
    const rows = await execute(tx, qb.selectFrom('customer_phrase').select(['phrase_key as phraseKey', 'last_variant as lastVariant']).where('customer_id', '=', customerId));
    return rows.map((row) => [row.phraseKey, row.lastVariant]);
  }

  private async remember(tx: EntityManager, customerId: string, spoken: PhrasePick[]): Promise<void> {
    const byKey = byPhraseKey(spoken);
    if (byKey.size === 0) return;
    await execute(
      tx,
      sql`INSERT INTO customer_phrase (customer_id, phrase_key, last_variant)
          SELECT ${customerId}, phrase_key, last_variant FROM unnest(${[...byKey.keys()]}::text[], ${[...byKey.values()]}::text[]) AS spoken (phrase_key, last_variant)
          ON CONFLICT (customer_id, phrase_key) DO UPDATE SET last_variant = EXCLUDED.last_variant, updated_at = CURRENT_TIMESTAMP`,
    );
  }
}

/** Each language's `walkInGreeting`, checked like the engine's rotating phrases. */
function walkInProblems(parsed: unknown): string[] {
  const byLocale = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, { walkInGreeting?: unknown } | undefined>;
  return LOCALES.filter((locale) => {
    const variants = byLocale[locale]?.walkInGreeting;
    return !Array.isArray(variants) || variants.length === 0 || variants.some((v) => typeof v !== 'string' || !v.trim());
  }).map((locale) => `${locale}.walkInGreeting must be a list of one or more phrases`);
}

/** The variant said last for each phrase key: the greeting with and without a name share a key, and one insert may not touch a row twice. */
function byPhraseKey(spoken: PhrasePick[]): Map<string, string> {
  return new Map(spoken.map((pick) => [pick.key, pick.variant]));
}
