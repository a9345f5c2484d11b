import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { type Locale, projectPath } from '@turbota/common';
import { type DialogueTexts, dialogueTextProblems } from '@turbota/dialogue';

const FILE = 'config/dialogue-texts.json';

/**
 * What the bot says around the questions, per language, from `config/dialogue-texts.json`;
 * read and checked once at start-up, so a broken file stops start-up with its problems.
 */
@Injectable()
export class DialogueTextsProvider {
  private readonly texts: Record<Locale, DialogueTexts>;

  constructor() {
    const path = projectPath(FILE);
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const problems = dialogueTextProblems(parsed);
    if (problems.length) throw new Error(`${FILE} is not valid: ${problems.join('; ')}`);
    this.texts = parsed as Record<Locale, DialogueTexts>;
  }

  for(locale: Locale): DialogueTexts {
    return this.texts[locale];
  }
}
