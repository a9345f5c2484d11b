import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCALES, projectPath } from '@turbota/common';
import { readStandardFile } from './default-standard';
import { STANDARD_EVENTS } from './standard-event';
import { MIN_PHRASE_VARIANTS, nextStepsOf, parseStandardTable, type StandardTable } from './standard-table';

const shipped = readStandardFile(projectPath('config', 'standard.json'));

/** A deep copy of the shipped table to break. */
function copy(): StandardTable & Record<string, unknown> {
  return structuredClone(shipped) as StandardTable & Record<string, unknown>;
}

function fieldsOf(input: unknown): string[] {
  const parsed = parseStandardTable(input);
  if (parsed.ok) throw new Error('expected the table to be refused');
  return parsed.errors.map((e) => `${e.field}: ${e.problems.join('; ')}`);
}

describe('the standard shipped in config/standard.json', () => {
  it('has tasks for every event and every customer-facing phrase in several variants per language', () => {
    expect(Object.keys(shipped.events)).toEqual([...STANDARD_EVENTS]);
    for (const event of STANDARD_EVENTS) {
      expect(shipped.events[event].tasks.length).toBeGreaterThan(0);
      expect(shipped.events[event].actions.length).toBeGreaterThan(0);
      for (const action of shipped.events[event].actions) {
        for (const locale of LOCALES) expect(action.phrases[locale].length).toBeGreaterThanOrEqual(MIN_PHRASE_VARIANTS);
      }
    }
  });

  it('carries the red-button example: give the customer the chance to speak, apologise sincerely', () => {
    const detractor = nextStepsOf(shipped, 'detractor', 'en', 1);
    expect(detractor.tasks[0]).toBe('Give the customer the chance to speak and name the reason.');
    expect(detractor.actions.map((a) => a.action)).toEqual(['apologise', 'ask_reason', 'offer_help', 'calm']);
    expect(detractor.actions[0].phrases).toContain('We\'re sorry we let you down. This matters a lot to us.');
  });
});

describe('nextStepsOf', () => {
  it('gives the tasks and the phrases of one event in one language, with the version', () => {
    const steps = nextStepsOf(shipped, 'complaint_without_contacts', 'uk', 7);
    expect(steps).toEqual({
      event: 'complaint_without_contacts',
      locale: 'uk',
      tasksLocale: 'uk',
      version: 7,
      tasks: shipped.events.complaint_without_contacts.tasks.map((t) => t.uk),
      actions: [{ action: 'acknowledge', phrases: shipped.events.complaint_without_contacts.actions[0].phrases.uk }],
    });
    expect(steps.tasks[0]).toBe('Вислухайте: дайте клієнтові сказати все й не сперечайтеся.');
  });

  it("gives the tasks in the staff's language and the phrases in the customer's", () => {
    const steps = nextStepsOf(shipped, 'complaint_without_contacts', { customer: 'uk', staff: 'en' }, 7);
    expect(steps).toMatchObject({ locale: 'uk', tasksLocale: 'en', tasks: shipped.events.complaint_without_contacts.tasks.map((t) => t.en) });
    expect(steps.actions[0].phrases).toEqual(shipped.events.complaint_without_contacts.actions[0].phrases.uk);
    expect(steps.tasks[0]).not.toBe('Вислухайте: дайте клієнтові сказати все й не сперечайтеся.');
  });
});

describe('parseStandardTable', () => {
  it('accepts the shipped table as it is', () => {
    expect(parseStandardTable(copy())).toEqual({ ok: true, value: shipped });
  });

  it('refuses a table without an event, naming the event', () => {
    const table = copy();
    delete (table.events as Partial<StandardTable['events']>).sla_breached;
    expect(fieldsOf(table)).toEqual(['events.sla_breached: is missing']);
  });

  it('refuses an unknown event or field', () => {
    const table = copy();
    (table.events as Record<string, unknown>).lunch_break = shipped.events.promoter;
    table.extra = 1;
    expect(fieldsOf(table)).toEqual(['events: unknown field(s): lunch_break', '(body): unknown field(s): extra']);
  });

  it('names the action by its code and the language when a phrase is missing or empty', () => {
    const table = copy();
    const apologise = table.events.detractor.actions[0];
    delete (apologise.phrases as Partial<Record<string, string[]>>).ru;
    apologise.phrases.uk[1] = '   ';
    expect(fieldsOf(table)).toEqual(['events.detractor.actions[apologise].phrases.uk[1]: must not be empty', 'events.detractor.actions[apologise].phrases.ru: is missing']);
  });

  it('wants at least two variants of every phrase, none repeated', () => {
    const table = copy();
    table.events.promoter.actions[0].phrases.en = ['Thank you!'];
    table.events.passive.actions[0].phrases.ru = ['Спасибо.', 'Спасибо.'];
    expect(fieldsOf(table)).toEqual([
      'events.promoter.actions[thank].phrases.en: must hold at least 2 variants, so the customer does not hear the same line twice',
      'events.passive.actions[thank].phrases.ru: must not repeat a variant',
    ]);
  });

  it('lets a phrase name the customer with {name} and no other placeholder', () => {
    const table = copy();
    table.events.promoter.actions[0].phrases.en = ['Thank you, {name}!', 'Thanks, {firstName}!'];
    expect(fieldsOf(table)).toEqual(['events.promoter.actions[thank].phrases.en[1]: may hold no placeholder but {name}']);
  });

  it('names the task and the language of an empty task', () => {
    const table = copy();
    table.events.invitation.tasks[1].ru = '';
    table.events.problem_detected.tasks = [];
    table.events.sla_breached.actions = [];
    expect(fieldsOf(table)).toEqual([
      'events.invitation.tasks[1].ru: must not be empty',
      'events.sla_breached.actions: must hold at least one action',
      'events.problem_detected.tasks: must hold at least one task',
    ]);
  });

  it('refuses two actions of one event with the same code, and a code that is not a lower-case word', () => {
    const table = copy();
    table.events.detractor.actions[3].code = 'apologise';
    table.events.promoter.actions[1].code = 'Invite review';
    expect(fieldsOf(table)).toEqual([
      'events.promoter.actions[Invite review].code: must be a lower-case code such as "apologise"',
      'events.detractor.actions[apologise].code: "apologise" is used by another action of this event',
    ]);
  });

  it('refuses what is not a table at all', () => {
    expect(fieldsOf('standard')).toEqual(['(body): must be an object with "events"']);
    expect(fieldsOf({})).toEqual(['events: is missing']);
  });
});

describe('readStandardFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'turbota-standard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops start-up with the file and each wrong field, or with the JSON error', () => {
    const broken = copy();
    broken.events.promoter.actions[0].phrases.ru = [];
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    expect(() => readStandardFile(join(dir, 'broken.json'))).toThrow(
      'config/standard.json is not valid: events.promoter.actions[thank].phrases.ru: must hold at least 2 variants',
    );
    writeFileSync(join(dir, 'garbled.json'), '{"events": ');
    expect(() => readStandardFile(join(dir, 'garbled.json'))).toThrow(/^config\/standard.json cannot be read as JSON/);
  });
});
