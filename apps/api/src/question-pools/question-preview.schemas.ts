import { z } from 'zod';
import { localeField, questionSchema } from '@turbota/surveys';
import { PREVIEW_CHANNELS } from '../../../bot/src/channels/channel-preview';

/** One question of a pool, as the editor holds it, and the language to show it in. */
export const questionPreviewInputSchema = z
  .strictObject({
    question: questionSchema.meta({ description: 'The question as a pool holds it; its texts in `locale` are required, the other languages are not' }),
    locale: localeField.meta({ description: 'The language the customer reads', example: 'uk' }),
  })
  .meta({ id: 'QuestionPreviewInput' });

export type QuestionPreviewInput = z.infer<typeof questionPreviewInputSchema>;

/** One channel's message for the question. */
const channelPreviewSchema = z.strictObject({
  channel: z.enum(PREVIEW_CHANNELS).meta({ description: 'msteams: Bot Framework as Teams shows it (more than three buttons become an Adaptive Card); web: the web chat' }),
  title: z.string().meta({ description: 'The name people know the channel by' }),
  enabled: z.boolean().meta({ description: 'Whether this installation has the channel on (the web chat always is)' }),
  payload: z.unknown().meta({
    description:
      "What the channel's adapter sends, without the address: Telegram sendMessage { text, reply_markup }, Viber send_message { type, text, min_api_version, keyboard? }, Messenger's Send API message { text, quick_replies? }, " +
      "a WhatsApp Cloud API message { type: 'text', text } or { type: 'interactive', interactive: reply buttons or a list }, " +
      'Slack chat.postMessage { text, blocks }, a Bot Framework activity { type, text, suggestedActions? | attachments? }, the web chat transcript message (the prompt)',
  }),
});

/** The question as each channel sends it in a survey. */
export const questionPreviewSchema = z
  .strictObject({
    locale: localeField,
    channels: z.array(channelPreviewSchema),
  })
  .meta({ id: 'QuestionPreview' });

/** What `POST /question-pools/preview` is shown with. */
export const QUESTION_PREVIEW_EXAMPLE = {
  locale: 'en',
  question: { code: 'nps', type: 'nps', text: { en: 'Would you recommend us?' }, lowLabel: { en: 'Not at all' }, highLabel: { en: 'Certainly' } },
};
