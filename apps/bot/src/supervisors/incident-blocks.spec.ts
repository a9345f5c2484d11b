import { INCIDENT_CREATED as CREATED, incidentDetail } from '../../../../tests/support/incident-fixtures';
import { historyLine, incidentMessage, slaAnnouncement, summaryText } from './incident-blocks';
import { problemMessage } from './problem-blocks';

const incident = incidentDetail;

type Blocks = { type: string; block_id?: string; elements?: { action_id: string; value: string; style?: string }[] }[];

describe('incidentMessage', () => {
  it('shows the facts, masked contacts, deadlines and the standard, with a button per allowed action', () => {
    const message = incidentMessage(incident());
    const json = JSON.stringify(message);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'INC-42 · high priority', emoji: true } });
    for (const fact of ['NPS 2', 'waiting', '+380 ••• ••• 67, o•••@example.com', 'agent-7', 'kyiv-central', 'loans', 'telegram', 'uk']) expect(json).toContain(fact);
    expect(json).toContain('Waited &lt;40&gt; minutes &amp; nobody came');
    expect(json).toContain('• Call the customer back within the hour');
    // One phrase per action, chosen by the incident's number (42 % 2 = 0).
    expect(json).toContain('apologise: _“Перепрошуємо, це наша помилка”_');
    expect(json).not.toContain('Нам дуже шкода');
    const ackBy = Date.parse('2026-03-02T09:30:00.000Z') / 1000;
    expect(json).toContain(`acknowledge by <!date^${ackBy}^{date_short_pretty} {time}|2026-03-02 09:30 UTC>`);
    const actions = (message.blocks as Blocks).find((b) => b.type === 'actions')!;
    expect(actions.block_id).toBe('incident:v3');
    expect(actions.elements!.map((e) => [e.action_id, e.value])).toEqual([
      ['incident.acknowledge', incident().id],
      ['incident.resolve', incident().id],
      ['incident.reject', incident().id],
      ['incident.escalate', incident().id],
    ]);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'context', elements: [{ text: expect.stringContaining('Last change: The customer — *created*') as string }] });
    expect(message.text).toBe('INC-42 (high) is new: waiting at kyiv-central');
  });

  it('draws no buttons for a settled incident, and none when asked for a summary', () => {
    const settled = incident({ status: 'resolved', justified: true, resolvedAt: CREATED, allowedActions: ['close', 'reopen'] });
    expect((incidentMessage(settled).blocks as Blocks).some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(incidentMessage(settled))).toContain('*Justified*\\nyes');
    expect((incidentMessage(incident(), { buttons: false }).blocks as Blocks).some((b) => b.type === 'actions')).toBe(false);
  });

  it('marks a breached deadline and announces it with the escalation level', () => {
    const breached = incident({ ackBreachedAt: new Date('2026-03-02T09:31:00.000Z'), escalationLevel: 1, breached: true });
    expect(JSON.stringify(incidentMessage(breached))).toContain(':warning: *breached*');
    expect(JSON.stringify(incidentMessage(breached))).toContain('*Escalation level*\\n1');
    expect(slaAnnouncement(breached).text).toBe('<!here> :rotating_light: SLA breached on INC-42 (high): the deadline to acknowledge has passed. Escalation level 1.');
  });

  it('announces a breach without <!here> once the mentions are spent, and says they are paused', () => {
    const breached = incident({ ackBreachedAt: new Date('2026-03-02T09:31:00.000Z'), escalationLevel: 1, breached: true });
    const quiet = slaAnnouncement(breached, { mentions: 3, windowMinutes: 60 });
    expect(JSON.stringify(quiet)).not.toContain('<!');
    expect(quiet.text).toBe(
      ':rotating_light: SLA breached on INC-42 (high): the deadline to acknowledge has passed. Escalation level 1. _Channel mentions are paused: 3 SLA announcement(s) mentioned the channel in the last 60 minutes._',
    );
  });

  it('writes a history line with who, what and the note, mentioning a Slack user and naming a person of the console', () => {
    const line = historyLine({ at: CREATED, action: 'reject', from: 'new', to: 'rejected', actor: { kind: 'slack_user', id: 'U1', name: 'olena' }, note: 'Came <after> closing' });
    expect(line).toBe('<@U1> — *rejected* (new → rejected): “Came &lt;after&gt; closing”');
    expect(historyLine({ at: CREATED, action: 'escalate', from: 'new', to: 'new', actor: { kind: 'api_key', id: 'k', name: 'CRM' }, note: null })).toBe('CRM (API) — *escalated*');
    const person = { kind: 'person', id: 'p-1', name: 'Olena <@U123>' } as const;
    expect(historyLine({ at: CREATED, action: 'acknowledge', from: 'new', to: 'acknowledged', actor: person, note: null })).toBe(
      'Olena &lt;@U123&gt; — *acknowledged* (new → acknowledged)',
    );
  });

  it('names the owner among the facts, and says in the thread who gave the incident to whom', () => {
    expect(JSON.stringify(incidentMessage(incident()))).toContain('*Owner*\\n—');
    const owned = incidentMessage(incident({ owner: { id: 'p-2', name: 'Olena Koval' } }));
    expect(JSON.stringify(owned)).toContain('*Owner*\\nOlena Koval');
    const actor = { kind: 'person', id: 'p-1', name: 'Iryna' } as const;
    const olena = { id: 'p-2', name: 'Olena *Koval*' };
    expect(historyLine({ at: CREATED, action: 'assign', from: 'new', to: 'new', actor, note: null, owner: olena })).toBe('Iryna — *assigned* to Olena ∗Koval∗');
    expect(historyLine({ at: CREATED, action: 'unassign', from: 'new', to: 'new', actor, note: null, owner: olena })).toBe('Iryna — *unassigned* from Olena ∗Koval∗');
    expect(historyLine({ at: CREATED, action: 'contact_reveal', from: 'new', to: 'new', actor, note: null })).toBe('Iryna — *revealed the contact*');
  });

  it('shows what customers, integrations and imports wrote literally: no mention, no disguised link, no formatting', () => {
    const hostile = '<!channel> <!here> <@U123> <https://evil.example|bank.com> *bold*';
    const message = incidentMessage(
      incident({
        reasonCode: hostile,
        text: `${hostile}\nsee https://evil.example`,
        attributes: { channel: 'web', locale: 'uk', agent: hostile, pointOfService: hostile, serviceType: hostile },
        history: [{ at: CREATED, action: 'create', from: null, to: 'new', actor: { kind: 'api_key', id: 'k', name: hostile }, note: hostile }],
      }),
    );
    const json = JSON.stringify(message);
    for (const active of ['<!channel>', '<!here>', '<@U123>', '<https://', '*bold*']) expect(json).not.toContain(active);
    expect(json).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil.example|bank.com&gt; ∗bold∗');
    expect(message.text).toBe('INC-42 (high) is new: &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil.example|bank.com&gt; ∗bold∗ at &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil.example|bank.com&gt; ∗bold∗');
    // The customer's words are quoted in a text object that Slack does not auto-link.
    const words = message.blocks.find((b) => JSON.stringify(b).includes('The customer'))!;
    expect(words).toEqual({ type: 'section', text: { type: 'mrkdwn', verbatim: true, text: expect.stringContaining('\n>see https://evil.example') as string } });
    expect(historyLine({ at: CREATED, action: 'escalate', from: 'new', to: 'new', actor: { kind: 'slack_user', id: '<!channel>' }, note: null })).toBe('&lt;!channel&gt; — *escalated*');
  });

  it('keeps contacts out of the plain text', () => {
    expect(summaryText(incident())).not.toMatch(/380|example/);
  });
});

describe('problemMessage', () => {
  it('names the problem, its reason, where it repeats, how often and its incidents', () => {
    const incidents = [incident({ number: 7 }), incident({ number: 8, status: 'acknowledged' })];
    const message = problemMessage({
      id: 'p',
      number: 3,
      status: 'open',
      version: 1,
      reasonCode: 'waiting',
      dimension: 'point_of_service',
      value: 'kyiv-central',
      windowDays: 7,
      incidentCount: 2,
      firstSeenAt: CREATED,
      lastSeenAt: CREATED,
      fixedAt: null,
      allowedActions: ['investigate', 'fix'],
      slack: null,
      createdAt: CREATED,
      updatedAt: CREATED,
      incidents,
      history: [{ at: CREATED, action: 'detect', from: null, to: 'open', actor: { kind: 'system', id: 'turbota', name: 'Turbota' }, note: null, incidentId: incidents[1].id }],
    });
    expect(message.text).toBe('PRB-3: 2 incidents with reason waiting at point of service kyiv-central');
    const json = JSON.stringify(message);
    expect(json).toContain('INC-7 (new), INC-8 (acknowledged)');
    expect(json).toContain('*Point of service*\\nkyiv-central');
    expect(json).not.toContain('+380');
  });
});
