import type { MessageKey } from '../../../i18n/en';
import { useI18n } from '../../../i18n/i18n';
import { ActionEditor } from './action-editor';
import { moved, replaced, without } from '../list-edits';
import { actionField, emptyAction, emptyTask, taskField } from './draft';
import { ItemTools, type Problems, TextsRow } from './texts-row';
import type { EventSteps, StandardEvent } from './types';

/** The event's name and its one-line explanation. */
export const eventTitle = (event: StandardEvent) => `standard.event.${event}` as MessageKey;
const eventHint = (event: StandardEvent) => `standard.event.${event}.hint` as MessageKey;

interface EventEditorProps {
  event: StandardEvent;
  steps: EventSteps;
  edited: boolean;
  /** Whether a field of this event has a problem: the card then opens and says so. */
  flagged: boolean;
  problems: Problems;
  onChange: (steps: EventSteps) => void;
}

/** One row of the standard: the event, its tasks for the staff, its actions for the customer. */
export function EventEditor({ event, steps, edited, flagged, problems, onChange }: EventEditorProps) {
  const { t } = useI18n();
  const { tasks, actions } = steps;
  return (
    <details className="standard__event" open={flagged || undefined}>
      <summary className="standard__summary">
        <span className="standard__event-title">{t(eventTitle(event))}</span>
        {edited && <span className="standard__flag">{t('standard.edited')}</span>}
        {flagged && <span className="standard__flag standard__flag--error">{t('standard.hasErrors')}</span>}
        <span className="standard__event-hint">{t(eventHint(event))}</span>
      </summary>
      <section className="standard__part">
        <h3>{t('standard.tasks')}</h3>
        <p className="field__hint">{t('standard.tasksHint')}</p>
        {tasks.map((task, i) => {
          const name = t('standard.task', { n: i + 1 });
          return (
            <fieldset key={i} className="standard__item">
              <legend className="standard__legend">{name}</legend>
              <ItemTools index={i} count={tasks.length} label={name} onMove={(by) => onChange({ ...steps, tasks: moved(tasks, i, by) })} onRemove={() => onChange({ ...steps, tasks: without(tasks, i) })} removable={tasks.length > 1} />
              <TextsRow texts={task} field={(locale) => taskField(event, i, locale)} problems={problems} onChange={(locale, text) => onChange({ ...steps, tasks: replaced(tasks, i, { ...task, [locale]: text }) })} />
            </fieldset>
          );
        })}
        <button type="button" className="button" onClick={() => onChange({ ...steps, tasks: [...tasks, emptyTask()] })}>
          {t('standard.addTask')}
        </button>
      </section>
      <section className="standard__part">
        <h3>{t('standard.actions')}</h3>
        <p className="field__hint">{t('standard.actionsHint')}</p>
        {actions.map((action, i) => (
          <ActionEditor
            key={i}
            action={action}
            index={i}
            count={actions.length}
            field={actionField(event, action, i)}
            problems={problems}
            onChange={(next) => onChange({ ...steps, actions: replaced(actions, i, next) })}
            onMove={(by) => onChange({ ...steps, actions: moved(actions, i, by) })}
            onRemove={() => onChange({ ...steps, actions: without(actions, i) })}
          />
        ))}
        <button type="button" className="button" onClick={() => onChange({ ...steps, actions: [...actions, emptyAction()] })}>
          {t('standard.addAction')}
        </button>
      </section>
    </details>
  );
}
