import { CUSTOMER_TEXT_LIMIT, questionTag } from '@turbota/dialogue';
import {
  commandOf,
  CUSTOMER_COMMANDS,
  decodeAnswer,
  encodeAnswer,
  inputOfText,
  receiptText,
  scaleLabelLine,
  scaleText,
  startCommand,
  type TappedAnswer,
} from './channel-grammar';

describe('answer payloads', () => {
  it('decode back to the answer they were encoded from, with and without the question tag', () => {
    const tag = questionTag('nps');
    const answers: TappedAnswer[] = [
      { kind: 'scale', value: 0 },
      { kind: 'scale', value: 10 },
      { kind: 'scale', value: 99, asked: tag },
      { kind: 'choice', code: 'waiting' },
      { kind: 'choice', code: 'end', asked: questionTag('empathy') },
      { kind: 'choice', code: 'a.b_c-9', asked: '00' },
      { kind: 'choice', code: 'o'.repeat(60), asked: 'zz' },
    ];
    for (const answer of answers) expect(decodeAnswer(encodeAnswer(answer))).toEqual(answer);
  });

  it('read as every channel has sent them: `s:2`, `c:slow`, and Telegram\'s tagged `s<tag>:9`', () => {
    expect(encodeAnswer({ kind: 'scale', value: 2 })).toBe('s:2');
    expect(encodeAnswer({ kind: 'choice', code: 'slow' })).toBe('c:slow');
    expect(encodeAnswer({ kind: 'scale', value: 9, asked: 'k3' })).toBe('sk3:9');
    expect(decodeAnswer('c7q:waiting')).toEqual({ kind: 'choice', code: 'waiting', asked: '7q' });
    expect(decodeAnswer('s:07')).toEqual({ kind: 'scale', value: 7 });
  });

  it('decode anything else to unknown without throwing', () => {
    const hostile: unknown[] = [
      '', 's:', 'c:', ':', 's', 's:NaN', 's:1e3', 's:1.5', 's:-1', 's:+1', 's: 1', 's:1 ', 's:100', `s:${'9'.repeat(400)}`, 's:Infinity',
      's:١', 's:１', 'c:Кава', 'c:Slow', 'c:-slow', 'c:slow down', 'c:slow\n', `c:${'o'.repeat(61)}`, 'c:a/b', 'c:😀',
      'sA1:2', 'sabc:2', 's1:2', 'x:2', 'S:2', 'evil:1', '/start', null, undefined, 7, {}, ['s:1'],
    ];
    for (const payload of hostile) expect(decodeAnswer(payload)).toEqual({ kind: 'unknown' });
  });

  it('refuses to encode what no payload can carry back', () => {
    expect(() => encodeAnswer({ kind: 'scale', value: 100 })).toThrow(RangeError);
    expect(() => encodeAnswer({ kind: 'scale', value: -1 })).toThrow(RangeError);
    expect(() => encodeAnswer({ kind: 'scale', value: 1.5 })).toThrow(RangeError);
    expect(() => encodeAnswer({ kind: 'scale', value: Number.NaN })).toThrow(RangeError);
    expect(() => encodeAnswer({ kind: 'choice', code: 'Not a code' })).toThrow(RangeError);
    expect(() => encodeAnswer({ kind: 'choice', code: 'slow', asked: 'TOO' })).toThrow(RangeError);
  });
});

describe('commands', () => {
  it('reads /complain and /stop, in any case, with a bot mention, ignoring words after them', () => {
    for (const command of CUSTOMER_COMMANDS) {
      for (const text of [`/${command}`, ` /${command.toUpperCase()} `, `/${command}@turbota_bot`, `/${command} right now`]) {
        expect(commandOf(text)).toEqual({ kind: 'command', command });
      }
    }
  });

  it('reads /start with the point a deep link names, and null for a named point that is no code', () => {
    expect(commandOf('/start')).toEqual({ kind: 'start', point: undefined });
    expect(commandOf('/start kyiv-central')).toEqual({ kind: 'start', point: 'kyiv-central' });
    expect(commandOf('/Start@turbota_bot  Kyiv_2 ')).toEqual({ kind: 'start', point: 'Kyiv_2' });
    expect(commandOf('/start Branch 7 manager steals')).toEqual({ kind: 'start', point: null });
    expect(commandOf(`/start ${'x'.repeat(65)}`)).toEqual({ kind: 'start', point: null });
  });

  it("reads /start with a survey link's token as that link, never as a point", () => {
    const token = `sv_${'Ab3_-'.repeat(4)}Xy9z`;
    expect(commandOf(`/start ${token}`)).toEqual({ kind: 'start', surveyLink: token });
    // The token rides beside the input, which is kept: never in it.
    expect(inputOfText(`/start ${token}`)).toEqual({ input: { kind: 'start' }, surveyLink: token });
    expect(commandOf(startCommand(token))).toEqual({ kind: 'start', surveyLink: token });
    // One character short or long: a point's code, as any other payload of that shape.
    expect(commandOf(`/start ${token.slice(1)}`)).toEqual({ kind: 'start', point: token.slice(1) });
    expect(commandOf(`/start ${token}a`)).toEqual({ kind: 'start', point: `${token}a` });
  });

  it('takes words, unknown commands and look-alikes for words', () => {
    for (const text of ['complain', 'stop', 'start', 'I want to /stop', '/help', '/stopped', '/constructor', '/__proto__', '//stop', '/', '', 'start kyiv-central']) {
      expect(commandOf(text)).toBeUndefined();
    }
  });

  it('reads a bare start, alone or with a point code, where the channel asks for it (Slack)', () => {
    const slack = { bareStart: true };
    expect(commandOf('start', slack)).toEqual({ kind: 'start', point: undefined });
    expect(commandOf('Start kyiv-central', slack)).toEqual({ kind: 'start', point: 'kyiv-central' });
    expect(commandOf('/start kyiv-central', slack)).toEqual({ kind: 'start', point: 'kyiv-central' });
    expect(commandOf('start the survey please', slack)).toBeUndefined();
    expect(commandOf('stop', slack)).toBeUndefined();
  });

  it('makes the words a start button sends, which read back as the same start', () => {
    expect(startCommand('kyiv-central')).toBe('/start kyiv-central');
    expect(startCommand()).toBe('/start');
    expect(commandOf(startCommand('kyiv-central'))).toEqual({ kind: 'start', point: 'kyiv-central' });
  });

  it('turns a message into an input: the command, or the words cut to the text limit', () => {
    expect(inputOfText('/stop')).toEqual({ input: { kind: 'command', command: 'stop' } });
    expect(inputOfText('/start kyiv-central')).toEqual({ input: { kind: 'start', payload: 'kyiv-central' }, pointOfService: 'kyiv-central' });
    expect(inputOfText('/start no such place')).toEqual({ input: { kind: 'start' }, pointOfService: null });
    expect(inputOfText('The queue was long')).toEqual({ input: { kind: 'text', text: 'The queue was long' } });
    expect(inputOfText('w'.repeat(CUSTOMER_TEXT_LIMIT + 10)).input).toEqual({ kind: 'text', text: 'w'.repeat(CUSTOMER_TEXT_LIMIT) });
  });
});

describe('scale labels', () => {
  const nps = { kind: 'scale', questionCode: 'nps', text: 'Recommend us?', min: 0, max: 10 } as const;

  it('say what both ends of the scale mean, in the labels\' own language', () => {
    expect(scaleLabelLine({ ...nps, lowLabel: 'Not at all likely', highLabel: 'Extremely likely' })).toBe('0 — Not at all likely · 10 — Extremely likely');
    expect(scaleLabelLine({ ...nps, min: 1, max: 5, lowLabel: 'Зовсім ні', highLabel: 'Дуже' })).toBe('1 — Зовсім ні · 5 — Дуже');
    expect(scaleLabelLine({ ...nps, lowLabel: 'Never' })).toBe('0 — Never · 10 — ');
    expect(scaleLabelLine(nps)).toBeUndefined();
  });

  it('go under the question after the channel\'s gap, or not at all', () => {
    expect(scaleText({ ...nps, lowLabel: 'No', highLabel: 'Yes' })).toBe('Recommend us?\n0 — No · 10 — Yes');
    expect(scaleText({ ...nps, lowLabel: 'No', highLabel: 'Yes' }, '\n\n')).toBe('Recommend us?\n\n0 — No · 10 — Yes');
    expect(scaleText(nps)).toBe('Recommend us?');
  });
});

describe('receipts', () => {
  it('show the question, then the chosen answer', () => {
    expect(receiptText('Recommend us?', '7')).toBe('Recommend us?\n\n✓ 7');
  });
});
