import { ConflictError, UpstreamError } from '@turbota/common';
import { linkStatuses } from './point-link-status';

describe('linkStatuses', () => {
  it('lists the web chat, Telegram and Viber links in that order when each can be made', async () => {
    await expect(linkStatuses((target) => Promise.resolve(`link-of-${target}`))).resolves.toEqual([
      { target: 'webchat', url: 'link-of-webchat', missing: null, reason: null },
      { target: 'telegram', url: 'link-of-telegram', missing: null, reason: null },
      { target: 'viber', url: 'link-of-viber', missing: null, reason: null },
    ]);
  });

  it('says a channel that is off is off and a messenger that cannot be asked is unreachable, keeping the links that work', async () => {
    const links = await linkStatuses((target) => {
      if (target === 'telegram') return Promise.reject(new ConflictError('The Telegram channel is off: set TELEGRAM_BOT_TOKEN'));
      if (target === 'viber') return Promise.reject(new UpstreamError('Viber could not be asked for the bot’s public name'));
      return Promise.resolve('https://feedback.example.com/chat?point=desk-1');
    });
    expect(links).toEqual([
      { target: 'webchat', url: 'https://feedback.example.com/chat?point=desk-1', missing: null, reason: null },
      { target: 'telegram', url: null, missing: 'off', reason: 'The Telegram channel is off: set TELEGRAM_BOT_TOKEN' },
      { target: 'viber', url: null, missing: 'unreachable', reason: 'Viber could not be asked for the bot’s public name' },
    ]);
  });

  it('fails the whole answer on anything else (a database failure is not a missing link)', async () => {
    await expect(linkStatuses(() => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
  });
});
