import { pickLocale, questionLocale } from './locale';

describe('the language a customer is spoken to in', () => {
  const everything = { supportedLocales: ['uk', 'ru', 'en'] as const, defaultLocale: 'uk' as const };
  const englishOnly = { supportedLocales: ['en'] as const, defaultLocale: 'en' as const };

  it('takes the customer’s language when the pool has it, else the pool’s first', () => {
    expect(questionLocale(['uk', 'ru', 'en'], 'ru', everything)).toBe('ru');
    expect(questionLocale(['en'], 'uk', everything)).toBe('en');
    expect(questionLocale(['ru', 'en'], 'uk', everything)).toBe('ru');
  });

  it('maps a language the installation does not speak to its default, and skips pool languages it dropped', () => {
    expect(questionLocale(['uk', 'ru', 'en'], 'uk', englishOnly)).toBe('en');
    expect(questionLocale(['uk'], 'en', englishOnly)).toBe('uk');
    expect(pickLocale(['uk-UA,ru;q=0.8,en;q=0.5'], 'en', ['en'])).toBe('en');
    expect(pickLocale(['de', 'ru-RU'], 'uk', ['uk', 'ru'])).toBe('ru');
  });
});
