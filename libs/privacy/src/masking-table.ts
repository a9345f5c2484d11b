/**
 * The masking table: forms of phones and e-mails customers type among their words, each with
 * what is kept of it. Shared by the unit spec and the reliability test that sends them
 * through a real channel; `secrets` are what must never be found in the clear.
 */
export interface MaskingCase {
  input: string;
  expected: string;
  /** The parts that must not be stored, shown or sent in the clear. */
  secrets: string[];
}

const UA = '+380 ••• ••• 67';
const RU = '+791 ••• ••• 89';

export const MASKING_TABLE: readonly MaskingCase[] = [
  { input: 'дзвоніть 8 067 123 45 67', expected: `дзвоніть ${UA}`, secrets: ['067 123 45 67', '0671234567'] },
  { input: 'мій номер 80671234567', expected: `мій номер ${UA}`, secrets: ['80671234567', '0671234567'] },
  { input: 'звоните 8 912 345-67-89', expected: `звоните ${RU}`, secrets: ['912 345-67-89', '9123456789'] },
  { input: 'номер 89123456789', expected: `номер ${RU}`, secrets: ['89123456789', '9123456789'] },
  { input: 'Казахстан 8 701 234 56 78', expected: 'Казахстан +770 ••• ••• 78', secrets: ['701 234 56 78', '7012345678'] },
  { input: 'call0671234567now', expected: `call${UA}now`, secrets: ['0671234567'] },
  { input: 'тел.0671234567', expected: `тел.${UA}`, secrets: ['0671234567'] },
  { input: 'тел:+380671234567!', expected: `тел:${UA}!`, secrets: ['380671234567', '0671234567'] },
  { input: '0671234567 0501234567', expected: `${UA} +380 ••• ••• 67`, secrets: ['0671234567', '0501234567'] },
  { input: '06712345670501234567', expected: `${UA} +380 ••• ••• 67`, secrets: ['0671234567', '0501234567'] },
  { input: '(067) 123-45-67', expected: UA, secrets: ['123-45-67', '0671234567'] },
  { input: '380671234567', expected: UA, secrets: ['380671234567', '0671234567'] },
  { input: '00380671234567', expected: UA, secrets: ['380671234567', '0671234567'] },
  { input: '+48 601 234 567', expected: '+486 ••• ••• 67', secrets: ['601 234 567', '601234567'] },
  { input: 'пишіть іван@приклад.укр', expected: 'пишіть і•••@приклад.укр', secrets: ['іван@'] },
  { input: 'user@müller.de', expected: 'u•••@müller.de', secrets: ['user@'] },
  { input: 'olena@xn--80ak6aa92e.com', expected: 'o•••@xn--80ak6aa92e.com', secrets: ['olena@'] },
  { input: 'write "john doe"@example.com', expected: 'write "•••@example.com', secrets: ['john doe'] },
  { input: 'Olena.K+shop@Example.COM', expected: 'O•••@Example.COM', secrets: ['olena.k'] },
  { input: 'код 505060708012', expected: 'код ••• ••• 12', secrets: ['505060708012'] },
  { input: 'картка 4111 1111 1111 1111', expected: 'картка ••• ••• 11', secrets: ['4111 1111 1111 1111'] },
  { input: '1234.5678.9012', expected: '••• ••• 12', secrets: ['1234.5678.9012'] },
];

/** Words with digits that are not contacts: they stay as typed. */
export const READABLE_TABLE: readonly string[] = [
  '9',
  '10',
  'оцінка 7, чекала 45 хвилин',
  'приходила 2026-12-06 о 14:30',
  'було 06.12.2026 14:30:15, знову 6/12/26',
  'Order 123456789012 came late',
  'замовлення №123456789 не прийшло',
  'заказ 987654321098, звоните',
  'order #2026120612345',
  'ТТН 20450123456789',
  'номер ORD-123456789 і INV_2026000123',
  'оцінки 9 10 8 7 9 10 9',
  'waited 45 minutes',
  'сума 1 500 грн',
  '',
];
