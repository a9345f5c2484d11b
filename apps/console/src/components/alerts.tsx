import type { ReactNode } from 'react';

/** A refusal or failure for the whole form or page, announced as it appears. */
export function ErrorMessage({ children }: { children: ReactNode }) {
  return (
    <div className="message message--error" role="alert">
      {children}
    </div>
  );
}

/** News that something worked, announced politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="message message--ok" role="status">
      {children}
    </div>
  );
}

/** A page still loading its data. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
