import { BadCredentialsError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../channels/send-errors';
import { mailSendErrorOf } from './mail-send-errors';

/** An error as nodemailer raises it for an SMTP reply, its text naming the recipient. */
const replied = (responseCode: number, code = 'EENVELOPE') => Object.assign(new Error(`${responseCode} <olena@example.com>: refused`), { responseCode, code });

describe('an SMTP failure, typed for the invitation', () => {
  it('takes a mailbox that does not exist as unreachable, refused credentials as a pause, other 5xx as a refusal', () => {
    expect(mailSendErrorOf(replied(550))).toBeInstanceOf(RecipientUnreachableError);
    expect(mailSendErrorOf(replied(553))).toBeInstanceOf(RecipientUnreachableError);
    expect(mailSendErrorOf(replied(535, 'EAUTH'))).toBeInstanceOf(BadCredentialsError);
    expect(mailSendErrorOf(Object.assign(new Error('Invalid login'), { code: 'EAUTH' }))).toBeInstanceOf(BadCredentialsError);
    expect(mailSendErrorOf(replied(552))).toBeInstanceOf(RejectedMessageError);
  });

  it('tries again after a transient reply, a timeout or a dropped connection', () => {
    expect(mailSendErrorOf(replied(451))).toBeInstanceOf(TemporarySendError);
    expect(mailSendErrorOf(Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT' }))).toBeInstanceOf(TemporarySendError);
    expect(mailSendErrorOf(new Error('socket hang up'))).toBeInstanceOf(TemporarySendError);
  });

  it('keeps the reply code, never its words, which name the recipient', () => {
    expect(mailSendErrorOf(replied(550)).message).toBe('Recipient unreachable: SMTP 550');
    expect(mailSendErrorOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).message).toBe('Temporary failure: SMTP ECONNREFUSED');
  });
});
