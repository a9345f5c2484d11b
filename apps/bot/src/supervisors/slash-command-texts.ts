import type { Locale } from '@turbota/common';

/** What the slash command answers in words, in the asker's language; `command` is the command's name, already made literal. */
export interface SlashCommandTexts {
  help(command: string): string;
  noIncident(number: number): string;
  /** `link` without a code. */
  linkUsage(command: string): string;
  /** `name`, already made literal: the person the Slack user now is. */
  linked(name: string): string;
  linkCodeRefused: string;
  linkTaken: string;
  linkThrottled(minutes: number): string;
}

export const SLASH_COMMAND_TEXTS: Record<Locale, SlashCommandTexts> = {
  uk: {
    help: (c) =>
      `Спробуйте \`${c} stats\` — NPS за останні 7 днів та інциденти за статусами, \`${c} INC-42\` (або \`${c} 42\`) — зведення інциденту, \`${c} link <код>\` — пов’язати ваш обліковий запис Slack з вами в Turbota.`,
    noIncident: (n) => `Інциденту INC-${n} немає.`,
    linkUsage: (c) => `Введіть \`${c} link <код>\` з кодом, який дає консоль Turbota (він діє 10 хвилин).`,
    linked: (name) => `Готово, ${name}: ваш обліковий запис Slack пов’язано з вами в Turbota, тож ваші дії тут записуються як ваші, як і в консолі.`,
    linkCodeRefused: 'Код неправильний або вже не діє. Створіть новий у консолі Turbota та введіть його протягом 10 хвилин.',
    linkTaken: 'Цей обліковий запис Slack уже пов’язано з іншою людиною в Turbota, а він може належати лише одній. Попросіть адміністратора розірвати той зв’язок і спробуйте ще раз.',
    linkThrottled: (m) => `Забагато неправильних кодів. Спробуйте ще раз за ${m} хв.`,
  },
  ru: {
    help: (c) =>
      `Попробуйте \`${c} stats\` — NPS за последние 7 дней и инциденты по статусам, \`${c} INC-42\` (или \`${c} 42\`) — сводка инцидента, \`${c} link <код>\` — связать вашу учётную запись Slack с вами в Turbota.`,
    noIncident: (n) => `Инцидента INC-${n} нет.`,
    linkUsage: (c) => `Введите \`${c} link <код>\` с кодом, который даёт консоль Turbota (он действует 10 минут).`,
    linked: (name) => `Готово, ${name}: ваша учётная запись Slack связана с вами в Turbota, так что ваши действия здесь записываются как ваши, как и в консоли.`,
    linkCodeRefused: 'Код неверный или уже не действует. Создайте новый в консоли Turbota и введите его в течение 10 минут.',
    linkTaken: 'Эта учётная запись Slack уже связана с другим человеком в Turbota, а она может принадлежать только одному. Попросите администратора разорвать ту связь и попробуйте снова.',
    linkThrottled: (m) => `Слишком много неверных кодов. Попробуйте снова через ${m} мин.`,
  },
  en: {
    help: (c) =>
      `Try \`${c} stats\` for NPS over the last 7 days and incidents by status, \`${c} INC-42\` (or \`${c} 42\`) for an incident's summary, or \`${c} link <code>\` to link your Slack user to you in Turbota.`,
    noIncident: (n) => `There is no incident INC-${n}.`,
    linkUsage: (c) => `Type \`${c} link <code>\` with the code the Turbota console gives you (it works for 10 minutes).`,
    linked: (name) => `Done, ${name}: your Slack user is linked to you in Turbota, so what you do here is recorded as done by you, as in the console.`,
    linkCodeRefused: 'This code is wrong or no longer works. Make a new one in the Turbota console and type it within 10 minutes.',
    linkTaken: 'Another person in Turbota has linked this Slack user, and it can stand for one person only. Ask an admin to unlink it from them, then try again.',
    linkThrottled: (m) => `Too many wrong codes. Try again in ${m} min.`,
  },
};
