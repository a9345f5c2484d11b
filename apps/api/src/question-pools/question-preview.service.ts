import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { DialogueTextsProvider } from '@turbota/conversations';
import { askedPrompt } from '@turbota/dialogue';
import { validationError } from '@turbota/server';
import { questionProblems } from '@turbota/surveys';
import { type ChannelPreview, channelPreviews } from '../../../bot/src/channels/channel-preview';
import type { QuestionPreviewInput } from './question-preview.schemas';

/** A question as each channel would send it, through the channels' own renderers. */
@Injectable()
export class QuestionPreviewService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly texts: DialogueTextsProvider,
  ) {}

  /**
   * Every channel's message for the question in the language, as a survey asks it (a free
   * text with its skip button, a contact question as the contact request). A text missing in
   * the language is a 400 at its field (`question.text.ru`).
   */
  async preview({ question, locale }: QuestionPreviewInput): Promise<{ locale: string; channels: ChannelPreview[] }> {
    const problems = questionProblems([question], [locale], 'question').map((p) => ({ ...p, field: p.field.replace(/^question\[0\]/, 'question') }));
    if (problems.length) throw validationError(problems);
    const texts = this.texts.for(locale);
    return { locale, channels: await channelPreviews(askedPrompt(question, locale, texts), this.config.channels, texts) };
  }
}
