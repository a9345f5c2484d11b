import type { ReactNode } from 'react';

/** One fact of a `<dl className="facts">`: its name and what it is. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
