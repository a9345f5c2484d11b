import type { ReactNode } from 'react';

/** One column of a `RowTable`: its name, and what a row shows in it. */
export interface Column<T> {
  label: string;
  cell: (item: T) => ReactNode;
}

/**
 * Things one a row, the first column naming each (the row's header). A table on a wide screen; on
 * a phone each row stacks into a card whose cells carry their column's name (`data-label`).
 */
export function RowTable<T extends { id: string }>({
  caption,
  className,
  columns: [name, ...rest],
  items,
  rowClassName,
}: {
  caption: string;
  className?: string;
  columns: [Column<T>, ...Column<T>[]];
  items: T[];
  rowClassName?: (item: T) => string | undefined;
}) {
  return (
    <table className={className ? `queue ${className}` : 'queue'}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {[name, ...rest].map((column) => (
            <th key={column.label} scope="col">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} className={['queue__row', rowClassName?.(item)].filter(Boolean).join(' ')}>
            <th scope="row" className="queue__name">
              {name.cell(item)}
            </th>
            {rest.map((column) => (
              <td key={column.label} data-label={column.label}>
                {column.cell(item)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
