import { NoSurveyPolicyError } from '@turbota/conversations';
import { MalformedRequestError } from '../channel-adapter';
import { ackPayloadOf, type EnvelopeSink, retryOfEnvelope, type SocketEnvelope, takeEnvelope } from './slack-socket';

const quiet = { warn: () => undefined };

/** An envelope whose acks are recorded. */
function envelope(fields: Partial<SocketEnvelope> = {}): SocketEnvelope & { acks: (Record<string, unknown> | undefined)[] } {
  const acks: (Record<string, unknown> | undefined)[] = [];
  return { envelope_id: 'e1', type: 'slash_commands', body: { command: '/turbota' }, retry_num: 0, ack: (response) => Promise.resolve(void acks.push(response)), ...fields, acks };
}

const answering = (answer: unknown): EnvelopeSink => ({ deliver: () => Promise.resolve(answer) });
const failing = (error: Error): EnvelopeSink => ({ deliver: () => Promise.reject(error) });

describe('a Socket Mode envelope', () => {
  it('is acknowledged after the listener, with its answer as the payload', async () => {
    const order: string[] = [];
    const taken = envelope({ ack: () => Promise.resolve(void order.push('ack')) });
    const sink: EnvelopeSink = { deliver: () => Promise.resolve(order.push('stored')).then(() => ({ response_type: 'ephemeral', text: 'Hi' })) };
    expect(await takeEnvelope(taken, sink, quiet)).toBe(true);
    expect(order).toEqual(['stored', 'ack']);

    const command = envelope();
    await takeEnvelope(command, answering({ response_type: 'ephemeral', text: 'Hi' }), quiet);
    expect(command.acks).toEqual([{ response_type: 'ephemeral', text: 'Hi' }]);
    const event = envelope({ type: 'events_api' });
    await takeEnvelope(event, answering({}), quiet);
    expect(event.acks).toEqual([undefined]);
  });

  it('is left unacknowledged when the listener failed, so that Slack delivers it again', async () => {
    for (const error of [new NoSurveyPolicyError(null), new Error('Connection terminated unexpectedly')]) {
      const taken = envelope();
      expect(await takeEnvelope(taken, failing(error), quiet)).toBe(false);
      expect(taken.acks).toEqual([]);
    }
  });

  it('is acknowledged and passed over when Turbota cannot read it (Slack would send it forever)', async () => {
    const taken = envelope();
    expect(await takeEnvelope(taken, failing(new MalformedRequestError('no type')), quiet)).toBe(true);
    expect(taken.acks).toEqual([undefined]);
  });

  it('carries its retry as Bolt reads the HTTP headers: none on the first delivery', () => {
    expect(retryOfEnvelope({ retry_num: 0, retry_reason: '' })).toEqual({});
    expect(retryOfEnvelope({})).toEqual({});
    expect(retryOfEnvelope({ retry_num: 2, retry_reason: 'timeout' })).toEqual({ retryNum: 2, retryReason: 'timeout' });
    expect(retryOfEnvelope({ retry_num: 1, retry_reason: '' })).toEqual({ retryNum: 1 });
  });

  it('is acknowledged with a payload only when the listener answered something', () => {
    expect(ackPayloadOf({})).toBeUndefined();
    expect(ackPayloadOf(undefined)).toBeUndefined();
    expect(ackPayloadOf('text')).toBeUndefined();
    expect(ackPayloadOf({ response_action: 'errors', errors: { note: 'A note is required' } })).toEqual({ response_action: 'errors', errors: { note: 'A note is required' } });
  });
});
