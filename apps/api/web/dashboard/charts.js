// Chart builders for the Turbota dashboard, over the bundled Chart.js (no build step, nothing
// from elsewhere, no inline code). Each builder takes a canvas and plain figures, draws them and
// answers the Chart, which the caller destroys before drawing the next refresh.
(() => {
  'use strict';

  const Chart = window.Chart;
  const CATEGORY = { detractor: '#c43c32', passive: '#d99a00', promoter: '#2e8b57' };
  const STATUS = { new: '#2160d8', acknowledged: '#7a5af5', in_progress: '#d99a00', resolved: '#2e8b57', rejected: '#8a8f96', closed: '#1c5a4b' };

  const css = (name) => window.getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  const palette = () => ({ text: css('--text'), muted: css('--muted'), line: css('--line'), accent: css('--accent'), band: css('--band'), target: css('--danger') });

  // Whiskers for the bars of a dataset that carries `intervals`: one [low, high] (or null) per bar.
  const errorBars = {
    id: 'turbotaErrorBars',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const horizontal = chart.options.indexAxis === 'y';
      const scale = horizontal ? chart.scales.x : chart.scales.y;
      chart.data.datasets.forEach((dataset, index) => {
        if (!dataset.intervals || !chart.isDatasetVisible(index)) return;
        ctx.save();
        ctx.strokeStyle = palette().text;
        ctx.lineWidth = 1.5;
        chart.getDatasetMeta(index).data.forEach((bar, i) => {
          const interval = dataset.intervals[i];
          if (!interval) return;
          const [a, b] = interval.map((v) => scale.getPixelForValue(v));
          const at = horizontal ? bar.y : bar.x;
          const cap = Math.min(8, (horizontal ? bar.height : bar.width) / 4);
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(a, at); ctx.lineTo(b, at);
            ctx.moveTo(a, at - cap); ctx.lineTo(a, at + cap);
            ctx.moveTo(b, at - cap); ctx.lineTo(b, at + cap);
          } else {
            ctx.moveTo(at, a); ctx.lineTo(at, b);
            ctx.moveTo(at - cap, a); ctx.lineTo(at + cap, a);
            ctx.moveTo(at - cap, b); ctx.lineTo(at + cap, b);
          }
          ctx.stroke();
        });
        ctx.restore();
      });
    },
  };

  // A dashed line across the plot at `options.value`, with its key drawn above the plot (where no bar reaches).
  const targetLine = {
    id: 'turbotaTarget',
    defaults: { value: null, label: '' },
    afterDatasetsDraw(chart, _args, options) {
      if (options.value === null || options.value === undefined) return;
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
      ctx.font = `600 12px ${Chart.defaults.font.family}`;
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

  Chart.register(errorBars, targetLine);
  Chart.defaults.animation = false; // figures, not a show: a refresh redraws at once
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

  function base(extra) {
    const p = palette();
    Chart.defaults.color = p.muted;
    Chart.defaults.borderColor = p.line;
    return {
      responsive: true,
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
      ...extra,
    };
  }

  /**
   * A score over time with its 95% interval as a band. `points`: [{ value, ci95, n }] aligned with
   * `labels`; `describe(i)` answers the tooltip lines of point i.
   */
  function trend(canvas, { labels, points, min, max, describe }) {
    const p = palette();
    const line = (values, extra) => ({ data: values, pointRadius: 0, borderWidth: 0, spanGaps: false, ...extra });
    return new Chart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          line(points.map((x) => (x.ci95 ? x.ci95[1] : null)), { fill: false }),
          line(points.map((x) => (x.ci95 ? x.ci95[0] : null)), { fill: '-1', backgroundColor: p.band }),
          line(points.map((x) => x.value), { borderColor: p.accent, backgroundColor: p.accent, borderWidth: 2.5, pointRadius: 3, pointHoverRadius: 5 }),
        ],
      },
      options: base({
        interaction: { mode: 'index', intersect: false },
        scales: { y: { min, max }, x: { ticks: { maxRotation: 0, autoSkip: true } } },
        plugins: {
          legend: { display: false },
          tooltip: { filter: (item) => item.datasetIndex === 2, callbacks: { label: (item) => describe(item.dataIndex) } },
        },
      }),
    });
  }

  /** NPS answers per score 0-10, each bar coloured by its category. */
  function distribution(canvas, { scores, describe }) {
    const colour = (s) => (s >= 9 ? CATEGORY.promoter : s >= 7 ? CATEGORY.passive : CATEGORY.detractor);
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: scores.map((s) => String(s.score)), datasets: [{ data: scores.map((s) => s.count), backgroundColor: scores.map((s) => colour(s.score)), borderRadius: 3 }] },
      options: base({
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => describe(item.dataIndex) } } },
      }),
    });
  }

  /** Percentages (0-100) as columns with their intervals, and an optional target line. */
  function percentColumns(canvas, { labels, values, intervals, target, targetLabel, describe }) {
    return new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: [{ data: values, intervals, backgroundColor: palette().accent, borderRadius: 3, maxBarThickness: 56 }] },
      options: base({
        layout: { padding: { top: target === undefined ? 0 : 22 } },
        scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } }, x: { grid: { display: false } } },
        plugins: {
          legend: { display: false },
          turbotaTarget: { value: target ?? null, label: targetLabel ?? '' },
          tooltip: { callbacks: { label: (item) => describe(item.dataIndex) } },
        },
      }),
    });
  }

  /** Horizontal bars in the order given (the caller sorts), e.g. factor importance. */
  function horizontalBars(canvas, { labels, values, min, max, describe }) {
    const p = palette();
    return new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: [{ data: values, backgroundColor: values.map((v) => (v !== null && v < 0 ? p.muted : p.accent)), borderRadius: 3, maxBarThickness: 28 }] },
      options: base({
        indexAxis: 'y',
        scales: { x: { suggestedMin: min, suggestedMax: max }, y: { grid: { display: false } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => describe(item.dataIndex) } } },
      }),
    });
  }

  /** Counts per incident state, each in its state's colour. */
  function stateColumns(canvas, { states, labels, counts }) {
    return new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: [{ data: counts, backgroundColor: states.map((s) => STATUS[s] || palette().accent), borderRadius: 3 }] },
      options: base({ scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } } }),
    });
  }

  window.TurbotaCharts = { trend, distribution, percentColumns, horizontalBars, stateColumns, CATEGORY };
})();
