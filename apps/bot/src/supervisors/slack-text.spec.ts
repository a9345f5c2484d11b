import { escapeMrkdwn, literal, mention, mrkdwn, quote } from './slack-text';

describe('Slack text', () => {
  it('escapes the three control characters and nothing else', () => {
    expect(escapeMrkdwn('<!channel> & <https://evil.example|bank.com> "ok"')).toBe('&lt;!channel&gt; &amp; &lt;https://evil.example|bank.com&gt; "ok"');
  });

  it('shows text literally: no mention, no disguised link, no formatting, codes left readable', () => {
    expect(literal('<!here> <@U123> *bold* _italic_ ~strike~ `code`')).toBe('&lt;!here&gt; &lt;@U123&gt; ∗bold∗ ˍitalicˍ ∼strike∼ ˋcodeˋ');
    // Inside a word Slack formats nothing, so reason and point codes stay as they are.
    expect(literal('rude_staff kyiv-central 2*3')).toBe('rude_staff kyiv-central 2*3');
    expect(literal('&lt;')).toBe('&amp;lt;');
  });

  it('quotes someone’s words line by line, literally', () => {
    expect(quote('first *line*\n<!channel> second', 100)).toBe('>first ∗line∗\n>&lt;!channel&gt; second');
  });

  it('mentions only what looks like a Slack user id', () => {
    expect(mention('U0OLENA')).toBe('<@U0OLENA>');
    expect(mention('U1> <!channel')).toBe('U1&gt; &lt;!channel');
  });

  it('keeps Slack from linking plain URLs in mrkdwn', () => {
    expect(mrkdwn('see https://evil.example')).toEqual({ type: 'mrkdwn', text: 'see https://evil.example', verbatim: true });
  });
});
