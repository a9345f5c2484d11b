import type { Chart } from 'chart.js';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';

/** The numbers behind a chart, for screen readers and for anyone who wants them exact. */
export interface NumbersTable {
  caption: string;
  headers: string[];
  /** The first cell of each row names it. */
  rows: string[][];
}

/** A table of figures: its first column heads each row. */
export function FiguresTable({ caption, headers, rows }: NumbersTable) {
  return (
    <table className="numbers__table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row[0]}-${index}`}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A report as CSV: a plain link, so the browser downloads it with the session cookie. */
export function CsvLink({ href, what }: { href: string; what: string }) {
  const { t } = useI18n();
  return (
    <a className="report__csv" href={href} download>
      {t('reports.csv')}
      <span className="visually-hidden"> ({what})</span>
    </a>
  );
}

interface Props {
  /** Names the card for tests and styles (`data-chart`). */
  name: string;
  title: string;
  note: string;
  /** Draws the chart on the canvas; a new function (new figures, another language) redraws it. */
  draw: (canvas: HTMLCanvasElement) => Chart;
  /** What the chart shows, in a sentence: the canvas's accessible name. */
  summary: string;
  tables: NumbersTable[];
  /** Why there is nothing to draw, when there is nothing. */
  empty: string | null;
  csv: string;
  wide?: boolean;
  /** Figures shown above the chart. */
  children?: ReactNode;
}

/** One report: title, note, the chart with its spoken summary, the numbers in a disclosure and its CSV. */
export function ChartCard({ name, title, note, draw, summary, tables, empty, csv, wide = false, children }: Props) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = draw(canvas.current);
    return () => chart.destroy();
  }, [draw]);
  return (
    <section className={wide ? 'card report report--wide' : 'card report'} aria-labelledby={titleId} data-chart={name}>
      <div className="report__head">
        <h2 id={titleId}>{title}</h2>
        <CsvLink href={csv} what={title} />
      </div>
      <p className="report__note">{note}</p>
      {children}
      <div className="report__chart">
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      {empty && <p className="report__empty">{empty}</p>}
      <details className="numbers">
        <summary>{t('reports.numbers')}</summary>
        {tables.map((table) => (
          // A wide table scrolls sideways on a phone; the keyboard reaches the scrolling area too.
          <div key={table.caption} className="numbers__scroll" role="region" aria-label={table.caption} tabIndex={0}>
            <FiguresTable {...table} />
          </div>
        ))}
      </details>
    </section>
  );
}
