import type { IncidentView } from '@turbota/incidents';
import { incidentView } from '../../../../tests/support/incident-fixtures';
import { HOME_SECTION_LIMIT, nextDeadlineOf, notForYouView, supervisorHomeView } from './app-home-view';
import { drawnVersionOf } from './incident-blocks';

const ACK_BY = new Date('2026-03-02T09:30:00.000Z');
const RESOLVE_BY = new Date('2026-03-02T17:00:00.000Z');

/** The shared sample incident, its reason and words such as the Home must not show. */
const incident = (overrides: Partial<IncidentView> = {}): IncidentView =>
  incidentView({
    reasonCode: 'rude_staff',
    text: 'Waited 40 minutes, call me at +380677654321',
    contact: { phone: '+380 ••• ••• 21', email: 'o•••@example.com', masked: true },
    ...overrides,
  });

type Blocks = { type: string; block_id?: string; text?: { text: string }; elements?: { action_id?: string; value?: string; text?: string }[] }[];
const blocksOf = (view: { blocks: unknown[] }) => view.blocks as Blocks;
const textOf = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);

describe('supervisorHomeView', () => {
  const mine = incident();
  const unowned = incident({ id: '0b8f6a52-5d1e-4a4e-9a57-2f4c1f3f5e02', number: 43, status: 'acknowledged', priority: 'low', version: 3, reasonCode: null, allowedActions: ['start', 'resolve', 'reject', 'escalate'] });

  it('lists the incidents in two sections with number, priority, status, next deadline, reason and the message buttons', () => {
    const view = supervisorHomeView({ locale: 'en', mine: { incidents: [mine], more: false }, unowned: { incidents: [unowned], more: false } });
    expect(view.type).toBe('home');
    const text = textOf(view);
    expect(text.indexOf('Your open incidents')).toBeLessThan(text.indexOf('INC-42'));
    expect(text.indexOf('INC-42')).toBeLessThan(text.indexOf('Open incidents nobody owns'));
    expect(text.indexOf('Open incidents nobody owns')).toBeLessThan(text.indexOf('INC-43'));
    expect(text).toContain('*INC-42* · high · new');
    expect(text).toContain(`acknowledge by <!date^${ACK_BY.getTime() / 1000}^`);
    expect(text).toContain(`resolve by <!date^${RESOLVE_BY.getTime() / 1000}^`);
    expect(text).toContain('Reason: rude_staff');
    const actions = blocksOf(view).filter((b) => b.type === 'actions');
    expect(actions.map((a) => a.elements!.map((e) => e.action_id))).toEqual([
      ['incident.acknowledge', 'incident.resolve', 'incident.reject', 'incident.escalate'],
      ['incident.resolve', 'incident.reject', 'incident.escalate'],
    ]);
    expect(actions[0].elements!.every((e) => e.value === mine.id)).toBe(true);
  });

  it('gives every buttons block its own id that still carries the version drawn', () => {
    const view = supervisorHomeView({ locale: 'en', mine: { incidents: [mine], more: false }, unowned: { incidents: [unowned], more: false } });
    const ids = blocksOf(view)
      .filter((b) => b.type === 'actions')
      .map((b) => b.block_id!);
    expect(new Set(ids).size).toBe(2);
    expect(ids.map(drawnVersionOf)).toEqual([3, 3]);
    expect(drawnVersionOf('incident:v7')).toBe(7);
    // A block id Slack never sends (a number, an object) carries no version.
    expect([drawnVersionOf(7), drawnVersionOf({ startsWith: 1 }), drawnVersionOf(undefined)]).toEqual([undefined, undefined, undefined]);
    expect(drawnVersionOf('incident:vx')).toBeUndefined();
  });

  it('never shows the customer contacts nor their words', () => {
    const text = textOf(supervisorHomeView({ locale: 'en', mine: { incidents: [mine], more: false }, unowned: { incidents: [], more: false } }));
    for (const secret of ['+380 ••• ••• 21', 'o•••@example.com', '+380677654321', 'Waited 40 minutes']) expect(text).not.toContain(secret);
  });

  it('marks a breached deadline and says when a list is cut short', () => {
    const late = incident({ breached: true, ackBreachedAt: ACK_BY });
    const many = Array.from({ length: HOME_SECTION_LIMIT + 5 }, (_, i) => incident({ id: `id-${i}`, number: 100 + i }));
    const view = supervisorHomeView({ locale: 'en', mine: { incidents: [late], more: false }, unowned: { incidents: many, more: true } });
    const text = textOf(view);
    expect(text).toContain('SLA breached');
    expect(text).toContain('the rest are in the Turbota console');
    expect(text).not.toContain(`INC-${100 + HOME_SECTION_LIMIT}`);
    // Slack takes at most 100 blocks in a Home view.
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('says so when there is nothing in a section', () => {
    const text = textOf(supervisorHomeView({ locale: 'en', mine: { incidents: [], more: false }, unowned: { incidents: [], more: false } }));
    expect(text).toContain('You own no open incidents.');
    expect(text).toContain('Every open incident has an owner.');
  });

  it('speaks the viewer’s language', () => {
    const uk = textOf(supervisorHomeView({ locale: 'uk', mine: { incidents: [mine], more: false }, unowned: { incidents: [], more: false } }));
    expect(uk).toContain('Ваші відкриті інциденти');
    expect(uk).toContain('*INC-42* · високий · новий');
    expect(uk).toContain('підтвердити до <!date^');
    const ru = textOf(supervisorHomeView({ locale: 'ru', mine: { incidents: [], more: false }, unowned: { incidents: [unowned], more: false } }));
    expect(ru).toContain('низкий · подтверждён');
    expect(ru).toContain('решить до <!date^');
  });

  it('shows a notice above the lists', () => {
    const view = supervisorHomeView({ locale: 'en', notice: ':warning: INC-42 changed meanwhile', mine: { incidents: [], more: false }, unowned: { incidents: [], more: false } });
    expect(blocksOf(view)[1].text!.text).toBe(':warning: INC-42 changed meanwhile');
  });
});

describe('notForYouView', () => {
  it('tells anyone else whom the Home is for, in their language, with no incident', () => {
    expect(textOf(notForYouView('en'))).toContain('This tab is for Turbota supervisors');
    expect(textOf(notForYouView('ru'))).toContain('для супервизоров Turbota');
    expect(textOf(notForYouView('uk', 'unverified'))).toContain('не змогла перевірити');
    expect(textOf(notForYouView('en'))).not.toContain('INC-');
  });
});

describe('nextDeadlineOf', () => {
  it('is acknowledging while new, then resolving', () => {
    expect(nextDeadlineOf({ status: 'new', acknowledgeBy: ACK_BY, resolveBy: RESOLVE_BY })).toEqual({ what: 'acknowledge', at: ACK_BY });
    expect(nextDeadlineOf({ status: 'in_progress', acknowledgeBy: ACK_BY, resolveBy: RESOLVE_BY })).toEqual({ what: 'resolve', at: RESOLVE_BY });
  });
});
