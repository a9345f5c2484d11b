import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Locale, projectPath } from '@turbota/common';
import { type DialogueState, type DialogueTexts, dialogueTextProblems } from '@turbota/dialogue';
import { CustomerPhraseEntity } from '@turbota/persistence';
import { NAME_PLACEHOLDER, type NextSteps, nextVariant, StandardService } from '@turbota/standard';
import { type PhrasePick, spokenPicks, standardDialogueTexts, withoutStandardSlots } from './standard-dialogue-texts';

const FILE = 'config/dialogue-texts.json';

/** One customer's texts for one step of a dialogue, and how to remember what the step said. */
export interface CustomerTexts {
  texts: DialogueTexts;
  /** The state to step from: without the standard's slots, so the step shows which of them it said. */
  prepare(state: DialogueState): DialogueState;
  /** Keeps the standard's variants the step said, in the step's transaction, so the next time differs. */
  remember(tx: EntityManager, after: DialogueState): Promise<void>;
}

/**
 * What the bot says around the questions, per language: `config/dialogue-texts.json` (read and
 * checked once at start-up, so a broken file stops start-up with its problems), with the
 * phrases the service standard says taken from its current version, rotating per customer.
 */
@Injectable()
export class DialogueTextsProvider {
  private readonly texts: Record<Locale, DialogueTexts>;

  constructor(private readonly standard: StandardService) {
    const path = projectPath(FILE);
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const problems = dialogueTextProblems(parsed);
    if (problems.length) throw new Error(`${FILE} is not valid: ${problems.join('; ')}`);
    this.texts = parsed as Record<Locale, DialogueTexts>;
  }

  /** The texts of the file alone, for what the standard does not say (buttons, a channel's welcome). */
  for(locale: Locale): DialogueTexts {
    return this.texts[locale];
  }

  /**
   * The texts for a customer's next step: the standard's phrases, never the variant the
   * customer heard last (`newCustomer`: created in this transaction, so they heard none).
   */
  async forCustomer(tx: EntityManager, customerId: string, locale: Locale, newCustomer = false): Promise<CustomerTexts> {
    const { table } = await this.standard.current(tx);
    const rows = newCustomer ? [] : await tx.find(CustomerPhraseEntity, { where: { customerId }, select: { phraseKey: true, lastVariant: true } });
    const lastHeard = Object.fromEntries(rows.map((row) => [row.phraseKey, row.lastVariant]));
    // Phrases need variety, not reproducibility: they keep off the injected source, whose draws decide sampling.
    const { texts, picks } = standardDialogueTexts(this.for(locale), table, { locale, lastHeard, random: Math.random });
    return {
      texts,
      prepare: withoutStandardSlots,
      remember: (manager, after) => this.remember(manager, customerId, spokenPicks(picks, after)),
    };
  }

  /**
   * What a customer hears for an event of the standard outside a dialogue step (what became of
   * their complaint): a variant of each customer-facing action in turn, never the one they
   * heard last, remembered in the caller's transaction.
   */
  async speak(tx: EntityManager, customerId: string, steps: NextSteps): Promise<string> {
    const rows = await tx.find(CustomerPhraseEntity, { where: { customerId }, select: { phraseKey: true, lastVariant: true } });
    const lastHeard = new Map(rows.map((row) => [row.phraseKey, row.lastVariant]));
    const picks: PhrasePick[] = [];
    for (const { action, phrases } of steps.actions) {
      // No name is at hand here: only the variants that do without one.
      const variants = phrases.filter((p) => !p.includes(NAME_PLACEHOLDER));
      if (variants.length === 0) continue;
      const key = `${steps.event}.${action}`;
      picks.push({ key, variant: nextVariant(variants, lastHeard.get(key), Math.random) });
    }
    await this.remember(tx, customerId, picks);
    return picks.map((pick) => pick.variant).join(' ');
  }

  private async remember(tx: EntityManager, customerId: string, spoken: PhrasePick[]): Promise<void> {
    // The greeting with and without a name share a key; one insert may not touch a row twice.
    const byKey = new Map(spoken.map((pick) => [pick.key, pick.variant]));
    if (byKey.size === 0) return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(CustomerPhraseEntity)
      .values([...byKey].map(([phraseKey, lastVariant]) => ({ customerId, phraseKey, lastVariant })))
      .orUpdate(['last_variant', 'updated_at'], ['customer_id', 'phrase_key'])
      .execute();
  }
}
