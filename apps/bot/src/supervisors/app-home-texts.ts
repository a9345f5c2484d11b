import type { Locale } from '@turbota/common';
import type { IncidentPriority, IncidentStatus } from '@turbota/incidents';

/** What the supervisors' App Home says in words, in the viewer's language. */
export interface AppHomeTexts {
  title: string;
  mine: string;
  noneMine: string;
  unowned: string;
  noneUnowned: string;
  /** Said under a list cut short: the rest is in the console. */
  more: string;
  /** `when` is a Slack date, already formatted. */
  acknowledgeBy(when: string): string;
  resolveBy(when: string): string;
  breached: string;
  reason: string;
  status: Record<IncidentStatus, string>;
  priority: Record<IncidentPriority, string>;
  notForYou: string;
  unverified: string;
}

export const APP_HOME_TEXTS: Record<Locale, AppHomeTexts> = {
  uk: {
    title: 'Інциденти Turbota',
    mine: 'Ваші відкриті інциденти',
    noneMine: 'Відкритих інцидентів, що належать вам, немає.',
    unowned: 'Відкриті інциденти без відповідального, які ви можете взяти',
    noneUnowned: 'Усі відкриті інциденти мають відповідального.',
    more: 'Показано не всі: решта — у консолі Turbota.',
    acknowledgeBy: (when) => `підтвердити до ${when}`,
    resolveBy: (when) => `вирішити до ${when}`,
    breached: ':warning: *SLA порушено*',
    reason: 'Причина',
    status: { new: 'новий', acknowledged: 'підтверджений', in_progress: 'у роботі', resolved: 'вирішений', rejected: 'відхилений', closed: 'закритий' },
    priority: { high: 'високий', normal: 'звичайний', low: 'низький' },
    notForYou: 'Ця вкладка — для супервізорів Turbota: тут вони бачать свої відкриті інциденти. Якщо ви супервізор, попросіть адміністратора додати вас.',
    unverified: 'Turbota не змогла перевірити в Slack, хто супервізори. Відкрийте вкладку ще раз за хвилину.',
  },
  ru: {
    title: 'Инциденты Turbota',
    mine: 'Ваши открытые инциденты',
    noneMine: 'Открытых инцидентов, принадлежащих вам, нет.',
    unowned: 'Открытые инциденты без ответственного, которые вы можете взять',
    noneUnowned: 'У всех открытых инцидентов есть ответственный.',
    more: 'Показаны не все: остальные — в консоли Turbota.',
    acknowledgeBy: (when) => `подтвердить до ${when}`,
    resolveBy: (when) => `решить до ${when}`,
    breached: ':warning: *SLA нарушен*',
    reason: 'Причина',
    status: { new: 'новый', acknowledged: 'подтверждён', in_progress: 'в работе', resolved: 'решён', rejected: 'отклонён', closed: 'закрыт' },
    priority: { high: 'высокий', normal: 'обычный', low: 'низкий' },
    notForYou: 'Эта вкладка — для супервизоров Turbota: здесь они видят свои открытые инциденты. Если вы супервизор, попросите администратора добавить вас.',
    unverified: 'Turbota не смогла проверить в Slack, кто супервизоры. Откройте вкладку снова через минуту.',
  },
  en: {
    title: 'Turbota incidents',
    mine: 'Your open incidents',
    noneMine: 'You own no open incidents.',
    unowned: 'Open incidents nobody owns, that you could take',
    noneUnowned: 'Every open incident has an owner.',
    more: 'Not all are shown: the rest are in the Turbota console.',
    acknowledgeBy: (when) => `acknowledge by ${when}`,
    resolveBy: (when) => `resolve by ${when}`,
    breached: ':warning: *SLA breached*',
    reason: 'Reason',
    status: { new: 'new', acknowledged: 'acknowledged', in_progress: 'in progress', resolved: 'resolved', rejected: 'rejected', closed: 'closed' },
    priority: { high: 'high', normal: 'normal', low: 'low' },
    notForYou: 'This tab is for Turbota supervisors: it lists their open incidents. If you are one, ask an administrator to add you.',
    unverified: 'Turbota could not check with Slack who the supervisors are. Open the tab again in a minute.',
  },
};
