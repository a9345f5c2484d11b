import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartDataset,
  type ChartOptions,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  Tooltip,
} from 'chart.js';

// Chart builders over Chart.js: each takes a canvas and plain figures, draws them and answers the
// chart, which the caller destroys before drawing again. Only the parts used are registered.

/** The colours of NPS categories and of incident and problem states, shared by the charts and their keys. */
export const COLOURS = {
  detractor: '#c43c32',
  passive: '#d99a00',
  promoter: '#2e8b57',
  new: '#2160d8',
  acknowledged: '#7a5af5',
  in_progress: '#d99a00',
  resolved: '#2e8b57',
  rejected: '#8a8f96',
  closed: '#1c5a4b',
  open: '#2160d8',
  investigating: '#7a5af5',
  fixed: '#2e8b57',
} as const;

/** A bar's 95% interval, or none where it cannot be estimated. */
type Interval = readonly number[] | null;

interface Palette {
  text: string;
  muted: string;
  line: string;
  accent: string;
  band: string;
  target: string;
}

function palette(): Palette {
  const style = window.getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: css('--text', '#1d2125'),
    muted: css('--muted', '#545c65'),
    line: css('--line', '#dcd7d0'),
    accent: css('--accent', '#1c5a4b'),
    band: css('--band', 'rgba(28, 90, 75, 0.18)'),
    target: css('--danger', '#b3261e'),
  };
}

/** Whiskers for the bars of a dataset that carries `intervals`: one [low, high] (or null) per bar. */
const errorBars: Plugin<'bar'> = {
  id: 'turbotaErrorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const scale = horizontal ? chart.scales.x : chart.scales.y;
    chart.data.datasets.forEach((dataset, index) => {
      const intervals = (dataset as { intervals?: Interval[] }).intervals;
      if (!intervals || !chart.isDatasetVisible(index)) return;
      ctx.save();
      ctx.strokeStyle = palette().text;
      ctx.lineWidth = 1.5;
      chart.getDatasetMeta(index).data.forEach((bar, i) => {
        const interval = intervals[i];
        if (!interval) return;
        const [a, b] = interval.map((v) => scale.getPixelForValue(v));
        const { x, y, width, height } = bar.getProps(['x', 'y', 'width', 'height'], true) as { x: number; y: number; width: number; height: number };
        const at = horizontal ? y : x;
        const cap = Math.min(8, (horizontal ? height : width) / 4);
        ctx.beginPath();
        // Drawn as if horizontal; a vertical bar's whisker is the same figure with the axes swapped.
        const segment = (x1: number, y1: number, x2: number, y2: number) => {
          if (horizontal) {
            ctx.moveTo(x1, y1);
            ctx.lineTo(x2, y2);
          } else {
            ctx.moveTo(y1, x1);
            ctx.lineTo(y2, x2);
          }
        };
        segment(a, at, b, at);
        segment(a, at - cap, a, at + cap);
        segment(b, at - cap, b, at + cap);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

interface TargetOptions {
  value: number | null;
  label: string;
}

/** A dashed line across the plot at `value`, with its key drawn above the plot (where no bar reaches). */
const targetLine: Plugin<'bar', TargetOptions> = {
  id: 'turbotaTarget',
  defaults: { value: null, label: '' },
  afterDatasetsDraw(chart, _args, options) {
    if (options.value === null) return;
    const { ctx, chartArea } = chart;
    const y = chart.scales.y.getPixelForValue(options.value);
    const colour = palette().target;
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(chartArea.left, y);
    ctx.lineTo(chartArea.right, y);
    ctx.font = `600 12px ${String(Chart.defaults.font.family)}`;
    const width = ctx.measureText(options.label).width;
    const keyY = chartArea.top - 12;
    ctx.moveTo(chartArea.right - width - 36, keyY);
    ctx.lineTo(chartArea.right - width - 8, keyY);
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(options.label, chartArea.right, keyY);
    ctx.restore();
  },
};

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler, Tooltip, errorBars, targetLine);
Chart.defaults.animation = false; // figures, not a show: a new view redraws at once
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

/** What every chart shares: responsive, no legend (the card says what is drawn), tooltips that say the figures. */
function base<T extends 'bar' | 'line'>(describe: ((index: number) => string) | undefined, extra: ChartOptions<T>): ChartOptions<T> {
  const p = palette();
  Chart.defaults.color = p.muted;
  Chart.defaults.borderColor = p.line;
  const tooltip = describe ? { callbacks: { label: (item: { dataIndex: number }) => describe(item.dataIndex) } } : {};
  const plugins = (extra as { plugins?: object }).plugins;
  return { responsive: true, ...extra, plugins: { legend: { display: false }, tooltip, ...plugins } };
}

/** A score with its interval at one point of a trend. */
export interface TrendPoint {
  value: number | null;
  ci95: Interval;
}

/** A score over time with its 95% interval as a band; `describe(i)` gives point i's tooltip. */
export function trendChart(canvas: HTMLCanvasElement, options: { labels: string[]; points: TrendPoint[]; min: number; max: number; describe: (index: number) => string }): Chart {
  const p = palette();
  const { labels, points, min, max, describe } = options;
  const line = (data: (number | null)[], extra: Partial<ChartDataset<'line'>>): ChartDataset<'line'> => ({ data, pointRadius: 0, borderWidth: 0, spanGaps: false, ...extra });
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [
        line(points.map((x) => x.ci95?.[1] ?? null), { fill: false }),
        line(points.map((x) => x.ci95?.[0] ?? null), { fill: '-1', backgroundColor: p.band }),
        line(points.map((x) => x.value), { borderColor: p.accent, backgroundColor: p.accent, borderWidth: 2.5, pointRadius: 3, pointHoverRadius: 5 }),
      ],
    },
    options: base<'line'>(undefined, {
      interaction: { mode: 'index', intersect: false },
      scales: { y: { min, max }, x: { ticks: { maxRotation: 0, autoSkip: true } } },
      plugins: { tooltip: { filter: (item) => item.datasetIndex === 2, callbacks: { label: (item) => describe(item.dataIndex) } } },
    }),
  });
}

/** Columns of counts, each in its own colour (NPS answers per score, incidents per state). */
export function countColumns(canvas: HTMLCanvasElement, options: { labels: string[]; counts: number[]; colours: string[]; describe?: (index: number) => string }): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: options.labels, datasets: [{ data: options.counts, backgroundColor: options.colours, borderRadius: 3 }] },
    options: base<'bar'>(options.describe, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } } }),
  });
}

/** Percentages (0-100) as columns with their intervals, and a target line. */
export function percentColumns(canvas: HTMLCanvasElement, options: { labels: string[]; values: (number | null)[]; intervals: Interval[]; target: number; targetLabel: string; describe: (index: number) => string }): Chart {
  const dataset = { data: options.values, intervals: options.intervals, backgroundColor: palette().accent, borderRadius: 3, maxBarThickness: 56 };
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: options.labels, datasets: [dataset] },
    options: base<'bar'>(options.describe, {
      layout: { padding: { top: 22 } },
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } }, x: { grid: { display: false } } },
      plugins: { turbotaTarget: { value: options.target, label: options.targetLabel } } as ChartOptions<'bar'>['plugins'],
    }),
  });
}

/** Horizontal bars in the order given (the caller sorts), e.g. factor importance. */
export function horizontalBars(canvas: HTMLCanvasElement, options: { labels: string[]; values: (number | null)[]; min: number; max: number; describe: (index: number) => string }): Chart {
  const p = palette();
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: options.labels, datasets: [{ data: options.values, backgroundColor: options.values.map((v) => (v !== null && v < 0 ? p.muted : p.accent)), borderRadius: 3, maxBarThickness: 28 }] },
    options: base<'bar'>(options.describe, { indexAxis: 'y', scales: { x: { suggestedMin: options.min, suggestedMax: options.max }, y: { grid: { display: false } } } }),
  });
}
