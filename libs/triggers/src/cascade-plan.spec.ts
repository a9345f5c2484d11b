import { type CascadeReach, nextStep, orderCascade, targetOf } from './cascade-plan';

const CASCADE = [{ channel: 'viber' as const, waitMinutes: 30 }, { channel: 'whatsapp' as const, waitMinutes: 20 }, { channel: 'sms' as const }];

function reach(overrides: Partial<CascadeReach> = {}): CascadeReach {
  return {
    channelOn: (channel) => channel !== 'whatsapp',
    byLink: (channel) => channel === 'sms' || channel === 'email',
    identities: [{ id: 'i-viber', channel: 'viber', address: 'viber-user=', unreachable: false }],
    hasPhone: true,
    hasEmail: false,
    linkUnreachable: () => false,
    ...overrides,
  };
}

describe('the invitation cascade of a contact', () => {
  it('keeps the policy order when the customer has no own channel in it', () => {
    expect(orderCascade(CASCADE, null)).toEqual([
      { position: 1, channel: 'viber', waitMinutes: 30 },
      { position: 2, channel: 'whatsapp', waitMinutes: 20 },
      { position: 3, channel: 'sms' },
    ]);
    expect(orderCascade(CASCADE, 'telegram').map((s) => s.channel)).toEqual(['viber', 'whatsapp', 'sms']);
  });

  it("moves the customer's own channel first, the waits staying with their positions", () => {
    expect(orderCascade(CASCADE, 'sms')).toEqual([
      { position: 1, channel: 'sms', waitMinutes: 30 },
      { position: 2, channel: 'viber', waitMinutes: 20 },
      { position: 3, channel: 'whatsapp' },
    ]);
  });

  it('reaches a messenger at the first identity on it that is not unreachable', () => {
    const identities = [
      { id: 'old', channel: 'viber', address: 'blocked=', unreachable: true },
      { id: 'new', channel: 'viber', address: 'fine=', unreachable: false },
    ];
    expect(targetOf('viber', reach({ identities }))).toEqual({ target: { kind: 'messenger', identityId: 'new', address: 'fine=' } });
    expect(targetOf('viber', reach({ identities: identities.slice(0, 1) }))).toEqual({ skip: 'unreachable' });
    expect(targetOf('telegram', reach())).toEqual({ skip: 'no_address' });
  });

  it('reaches SMS and e-mail by link only with a phone or an e-mail that still receives', () => {
    expect(targetOf('sms', reach())).toEqual({ target: { kind: 'link' } });
    expect(targetOf('email', reach())).toEqual({ skip: 'no_address' });
    expect(targetOf('sms', reach({ linkUnreachable: (c) => c === 'sms' }))).toEqual({ skip: 'unreachable' });
    expect(targetOf('sms', reach({ channelOn: () => false }))).toEqual({ skip: 'channel_off' });
  });

  it('passes the unusable steps by, saying why, to the first usable one', () => {
    const steps = orderCascade(CASCADE, null);
    expect(nextStep(steps, 2, reach())).toEqual({
      skipped: [{ step: steps[1], reason: 'channel_off' }],
      send: { step: steps[2], target: { kind: 'link' } },
    });
    expect(nextStep(steps, 1, reach({ identities: [], hasPhone: false }))).toEqual({
      skipped: [
        { step: steps[0], reason: 'no_address' },
        { step: steps[1], reason: 'channel_off' },
        { step: steps[2], reason: 'no_address' },
      ],
      send: null,
    });
  });
});
