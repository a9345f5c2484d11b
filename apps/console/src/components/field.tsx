import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';

/** What a field shows beside its control: its label, a hint, and an error (ours, or the API's in English). */
interface FrameProps {
  label: string;
  hint?: string;
  error?: FieldError;
}

/** An error at a field: our own words, or what the API said (which it says in English). */
export type FieldError = { text: string; lang?: string } | undefined;

/** The ARIA a control needs to be read with its hint and error. */
interface ControlAria {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

function Frame({ label, hint, error, children }: FrameProps & { children: (aria: ControlAria) => ReactNode }) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': described || undefined })}
      {error && (
        <p className="field__error" id={`${id}-error`} lang={error.lang}>
          {error.text}
        </p>
      )}
    </div>
  );
}

/** A labelled text input. */
export function TextField({ label, hint, error, ...input }: FrameProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Frame label={label} hint={hint} error={error}>
      {(aria) => <input className="control" {...input} {...aria} />}
    </Frame>
  );
}

/** A labelled drop-down. */
export function SelectField({ label, hint, error, children, ...select }: FrameProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Frame label={label} hint={hint} error={error}>
      {(aria) => (
        <select className="control" {...select} {...aria}>
          {children}
        </select>
      )}
    </Frame>
  );
}

/** A labelled text area. */
export function TextAreaField({ label, hint, error, ...area }: FrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame label={label} hint={hint} error={error}>
      {(aria) => <textarea className="control" rows={4} {...area} {...aria} />}
    </Frame>
  );
}
