import type { ReactNode } from 'react';

/** A page: its heading, which names it for assistive technology, what stands beside the heading, then the page. */
export function PageSection({ id, title, className, aside, children }: { id: string; title: ReactNode; className?: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className={className ? `page ${className}` : 'page'} aria-labelledby={id}>
      <div className="page__head">
        <h1 id={id}>{title}</h1>
        {aside}
      </div>
      {children}
    </section>
  );
}
