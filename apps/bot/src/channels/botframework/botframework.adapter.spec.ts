import type { InboundEvent } from '../channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, TemporarySendError } from '../send-errors';
import { BotFrameworkAdapter, sendErrorOf } from './botframework.adapter';
import { botFrameworkActivity } from './botframework-fixtures';
import { renderPrompt } from './botframework-render';

const adapter = new BotFrameworkAdapter({ defaultLocale: 'en' });
const activity = (fixture: 'message' | 'conversation-update', text?: string) =>
  botFrameworkActivity(fixture, { id: 'a-1', conversationId: 'c-1', serviceUrl: 'https://smba.example.com/', text });

describe('Bot Framework activities', () => {
  it('opens the survey when the customer joins, keeping the conversation reference for replies', () => {
    const [event] = adapter.parse(activity('conversation-update')) as InboundEvent[];
    expect(event).toMatchObject({ kind: 'input', address: 'c-1', key: 'bf:a-1', input: { kind: 'start' }, context: { locale: 'uk', customerName: 'Olena' } });
    expect(event.reference).toMatchObject({ serviceUrl: 'https://smba.example.com/', conversation: { id: 'c-1' }, channelId: 'emulator' });
  });

  it('reads words and commands; ignores group conversations and the bot joining alone', () => {
    const input = (text: string) => (adapter.parse(activity('message', text))[0] as InboundEvent).input;
    expect(input('/start kyiv-central')).toEqual({ kind: 'start', payload: 'kyiv-central' });
    expect(input('/complain')).toEqual({ kind: 'command', command: 'complain' });
    expect(input('Rather agree')).toEqual({ kind: 'text', text: 'Rather agree' });
    expect(adapter.parse({ ...activity('message'), conversation: { id: 'g', isGroup: true } })).toEqual([]);
    expect(adapter.parse({ ...activity('conversation-update'), membersAdded: [{ id: 'turbota-bot' }] })).toEqual([]);
  });

  it('offers scales and choices as suggested actions that send their label back', () => {
    const scale = renderPrompt({ kind: 'scale', questionCode: 'csat', text: 'Satisfied?', min: 1, max: 5 });
    expect(scale.suggestedActions!.actions.map((a): unknown[] => [a.type, a.title, a.value as string])).toEqual(['1', '2', '3', '4', '5'].map((d) => ['imBack', d, d]));
    const choice = renderPrompt({ kind: 'choice', questionCode: 'reason', text: 'Why?', options: [{ code: 'slow', label: 'Slow' }], allowsText: true });
    expect(choice.suggestedActions!.actions[0]).toMatchObject({ title: 'Slow', value: 'Slow' });
  });

  it('maps connector failures to what the outbox should do', () => {
    const failure = (statusCode: number | undefined, retryAfter?: string) =>
      sendErrorOf(Object.assign(new Error('failed'), { statusCode, response: { headers: { get: () => retryAfter } } }));
    expect((failure(429, '4') as RateLimitedError).retryAfterSeconds).toBe(4);
    expect(failure(403)).toBeInstanceOf(RecipientUnreachableError);
    expect(failure(401)).toBeInstanceOf(BadCredentialsError);
    expect(failure(503)).toBeInstanceOf(TemporarySendError);
    expect(failure(undefined)).toBeInstanceOf(TemporarySendError);
  });
});
