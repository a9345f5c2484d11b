import type { FormEvent, ReactNode } from 'react';

/**
 * A list's filters (`children`, the form's fields) in a disclosure that says how many are on,
 * open while any is, with Apply and Clear.
 */
export function FiltersDisclosure({
  count,
  texts,
  onApply,
  onClear,
  children,
}: {
  count: number;
  texts: { filters: string; filtersOn: string; apply: string; clear: string };
  onApply: () => void;
  onClear: () => void;
  children: ReactNode;
}) {
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  return (
    <details className="filters" open={count > 0}>
      <summary className="filters__summary">{count > 0 ? texts.filtersOn : texts.filters}</summary>
      <form className="filters__form" onSubmit={apply}>
        {children}
        <div className="filters__actions">
          <button type="submit" className="button button--primary">
            {texts.apply}
          </button>
          <button type="button" className="button" onClick={onClear}>
            {texts.clear}
          </button>
        </div>
      </form>
    </details>
  );
}
