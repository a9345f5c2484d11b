import type { ApiKeyPrincipal, PersonPrincipal } from '@turbota/auth';
import { readerOf } from './incident-reader';

const person = (locale: PersonPrincipal['locale']): PersonPrincipal => ({
  kind: 'person',
  keyId: 'p-1',
  personId: 'p-1',
  sessionId: 's-1',
  email: 'olena@example.com',
  name: 'Olena',
  role: 'supervisor',
  locale,
});
const key: ApiKeyPrincipal = { kind: 'apiKey', keyId: 'k-1', name: 'Dialler', role: 'supervisor' };

describe("the language of an incident's tasks for its reader", () => {
  it("takes the language the request asks for (the console's on screen) before a person's saved one", () => {
    expect(readerOf(person('en'), 'ru-RU,ru;q=0.9').tasksLocale).toBe('ru');
    expect(readerOf(person('en'), undefined).tasksLocale).toBe('en');
    expect(readerOf(person('en'), 'de-DE').tasksLocale).toBe('en');
  });

  it("takes the first of Accept-Language's languages the standard has, else leaves it to the incident", () => {
    expect(readerOf(person(null), 'de-DE,ru;q=0.8,en;q=0.5').tasksLocale).toBe('ru');
    expect(readerOf(key, 'uk').tasksLocale).toBe('uk');
    expect(readerOf(key, 'de-DE,fr').tasksLocale).toBeUndefined();
    expect(readerOf(person(null), undefined).tasksLocale).toBeUndefined();
  });
});
