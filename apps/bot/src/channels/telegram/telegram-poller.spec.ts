import { GrammyError, HttpError } from 'grammy';
import { NoSurveyPolicyError } from '@turbota/conversations';
import { telegramUpdate } from '../../../../../tests/support/telegram-fixtures';
import { TelegramAdapter } from './telegram.adapter';
import { callbackAnswerOf, retryAfterFailure } from './telegram-poller';

const grammyError = (code: number, description: string, parameters = {}) =>
  new GrammyError('call failed', { ok: false, error_code: code, description, parameters }, 'getUpdates', {});
const middle = () => 0.5;

describe('what the poller does after a failed round', () => {
  it('waits out a flood wait for exactly the seconds Telegram names', () => {
    expect(retryAfterFailure(grammyError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }), 1, middle)).toEqual({ delayMs: 7000, deleteWebhook: false });
  });

  it('deletes the webhook again when one is in the way, and only then', () => {
    const webhook = grammyError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    expect(retryAfterFailure(webhook, 1, middle)).toEqual({ delayMs: 1000, deleteWebhook: true });
    const otherPoller = grammyError(409, 'Conflict: terminated by other getUpdates request');
    expect(retryAfterFailure(otherPoller, 1, middle)).toEqual({ delayMs: 1000, deleteWebhook: false });
  });

  it('backs off with jitter, doubling up to 30 s, after outages and updates that could not be stored', () => {
    const failures = [grammyError(502, 'Bad Gateway'), new HttpError('Network request failed', new Error('ECONNREFUSED')), new NoSurveyPolicyError(null), new Error('Connection terminated unexpectedly')];
    for (const error of failures) {
      expect([1, 2, 3, 10].map((n) => retryAfterFailure(error, n, middle).delayMs)).toEqual([1000, 2000, 4000, 15_000]);
      expect(retryAfterFailure(error, 10, () => 0.999).delayMs).toBeLessThan(30_000);
      expect(retryAfterFailure(error, 1, () => 0).delayMs).toBe(0);
    }
  });

  it('pauses a minute when the token is refused', () => {
    expect(retryAfterFailure(grammyError(401, 'Unauthorized'), 1, middle)).toEqual({ delayMs: 60_000, deleteWebhook: false });
  });
});

describe('a tap answered by polling as the webhook response would', () => {
  const adapter = new TelegramAdapter({ botToken: '1:a', mode: 'polling', apiRoot: 'http://127.0.0.1:9', defaultLocale: 'en' });
  const tap = telegramUpdate('callback-query', { updateId: 1, chatId: 5 });

  it('calls answerCallbackQuery with the webhook response\'s parameters, the stale notice included', () => {
    expect(callbackAnswerOf(adapter.acknowledgement(tap))).toEqual({ callback_query_id: '4382bfdwdsb323b2d9' });
    expect(callbackAnswerOf(adapter.acknowledgement(tap, { notice: 'That question is answered already.' }))).toEqual({
      callback_query_id: '4382bfdwdsb323b2d9',
      text: 'That question is answered already.',
    });
  });

  it('calls nothing for a message', () => {
    expect(callbackAnswerOf(adapter.acknowledgement(telegramUpdate('message-start', { updateId: 2, chatId: 5 })))).toBeNull();
    expect(callbackAnswerOf(undefined)).toBeNull();
  });
});
