// The dashboard's panels: headline figures, charts, their spoken summaries and number tables.
// Every score is shown with its n and 95% interval (never a score without its error).
(() => {
  'use strict';

  const charts = new Map();
  const STATES = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'closed'];
  const DIGITS = { nps: 0, csat: 0, ces: 2, rate: 0 };
  const UNIT = { nps: '', csat: '%', ces: '', rate: '%' };
  // Each scale's limits and a round step for its axis: a band never reaches past what the scale allows.
  const SCALE = { nps: { floor: -100, ceiling: 100, step: 20 }, csat: { floor: 0, ceiling: 100, step: 20 }, ces: { floor: 1, ceiling: 7, step: 1 } };

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  const card = (name) => document.querySelector(`[data-chart="${name}"]`);

  function formatter(ctx) {
    const value = (kind, v) => (v === null || v === undefined ? '—' : `${ctx.number(v, DIGITS[kind])}${UNIT[kind]}`);
    const ci = (kind, interval) => (interval ? ctx.t('ci', { low: value(kind, interval[0]), high: value(kind, interval[1]) }) : ctx.t('notEstimable'));
    const n = (count) => ctx.t('n', { n: ctx.number(count) });
    return { value, ci, n, estimate: (kind, e, count) => `${value(kind, e.value)}, ${ci(kind, e.ci95)}, ${n(count)}` };
  }

  /** A table of the numbers behind a chart, for screen readers and for anyone who wants them exact. */
  function table(headers, rows) {
    const node = make('table');
    const head = node.createTHead().insertRow();
    headers.forEach((h) => { const th = make('th', null, h); th.scope = 'col'; head.append(th); });
    const body = node.createTBody();
    rows.forEach((row) => {
      const tr = body.insertRow();
      row.forEach((cell, i) => { const td = i === 0 ? make('th', null, cell) : make('td', null, cell); if (i === 0) td.scope = 'row'; tr.append(td); });
    });
    return node;
  }

  /** Draws one card: its chart (replacing the last one), the canvas's summary, the table and the empty note. */
  function panel(name, { draw, summary, headers, rows, empty }) {
    const section = card(name);
    const canvas = section.querySelector('canvas');
    charts.get(name)?.destroy();
    charts.set(name, draw(canvas));
    canvas.setAttribute('aria-label', summary);
    section.querySelector('.numbers__table').replaceChildren(table(headers, rows));
    const note = section.querySelector('.card__empty');
    note.hidden = !empty;
    note.textContent = empty || '';
  }

  function kpis(data, ctx, f) {
    const s = data.summary;
    const items = [
      ['nps', ctx.t('nps'), s.nps, s.nps.n],
      ['csat', ctx.t('csat'), s.csat, s.csat.n],
      ['ces', ctx.t('ces'), s.ces, s.ces.n],
      ['rate', ctx.t('responseRateShort'), s.responseRate, s.responseRate.invited],
      ['silent', ctx.t('silentNps'), s.silentAdjustedNps, s.silentAdjustedNps.n],
    ];
    document.getElementById('kpis').replaceChildren(...items.map(([id, label, e, n]) => {
      const kind = id === 'silent' ? 'nps' : id;
      const node = make('article', 'kpi');
      node.dataset.metric = id;
      node.append(make('h3', 'kpi__label', label), make('p', 'kpi__value', f.value(kind, e.value)), make('p', 'kpi__ci', f.ci(kind, e.ci95)), make('p', 'kpi__n', f.n(n)));
      return node;
    }));
  }

  /** The value axis: just around the intervals drawn, on round steps, within the scale. */
  function axisBounds(metric, points) {
    const { floor, ceiling, step } = SCALE[metric];
    const lows = points.flatMap((p) => (p.ci95 ? [p.ci95[0]] : p.value === null ? [] : [p.value]));
    const highs = points.flatMap((p) => (p.ci95 ? [p.ci95[1]] : p.value === null ? [] : [p.value]));
    if (!lows.length) return { min: floor, max: ceiling };
    return {
      min: Math.max(floor, Math.floor(Math.min(...lows) / step) * step - step),
      max: Math.min(ceiling, Math.ceil(Math.max(...highs) / step) * step + step),
    };
  }

  function trendPanel(name, metric, trend, ctx, f) {
    const kind = metric;
    const points = trend.points;
    const labels = points.map((p) => ctx.periodLabel(p.period, trend.interval));
    const last = points[points.length - 1];
    const estimable = points.filter((p) => p.value !== null);
    const change = estimable.length > 1 ? ctx.t('change', { delta: ctx.number(estimable[estimable.length - 1].value - estimable[0].value, DIGITS[kind]) }) : '';
    const summary = last
      ? `${ctx.t('summaryTrend', { metric: ctx.t(metric), granularity: ctx.t(trend.interval).toLowerCase(), count: points.length, period: labels[labels.length - 1], value: f.value(kind, last.value), ci: f.ci(kind, last.ci95), n: f.n(last.n) })} ${change}`
      : ctx.t('noData');
    panel(name, {
      draw: (canvas) => window.TurbotaCharts.trend(canvas, { labels, points, ...axisBounds(metric, points), describe: (i) => f.estimate(kind, points[i], points[i].n) }),
      summary,
      headers: [ctx.t('periodColumn'), ctx.t('value'), ctx.t('low'), ctx.t('high'), ctx.t('count')],
      rows: points.map((p, i) => [labels[i], f.value(kind, p.value), p.ci95 ? f.value(kind, p.ci95[0]) : '—', p.ci95 ? f.value(kind, p.ci95[1]) : '—', ctx.number(p.n)]),
      empty: points.length ? null : ctx.t('noData'),
    });
  }

  function distributionPanel(data, ctx) {
    const { scores, n } = data.distribution;
    const nps = data.summary.nps;
    const share = (count) => (n ? `${ctx.number((100 * count) / n, 1)}%` : '—');
    panel('distribution', {
      draw: (canvas) => window.TurbotaCharts.distribution(canvas, { scores, describe: (i) => `${ctx.number(scores[i].count)} (${share(scores[i].count)})` }),
      summary: ctx.t('summaryDistribution', { n: ctx.number(n), promoters: ctx.number(nps.promoters), passives: ctx.number(nps.passives), detractors: ctx.number(nps.detractors) }),
      headers: [ctx.t('score'), ctx.t('count'), ctx.t('share')],
      rows: scores.map((s) => [String(s.score), ctx.number(s.count), share(s.count)]),
      empty: n ? null : ctx.t('noData'),
    });
  }

  function ratePanel(data, ctx, f) {
    const rates = data.rates;
    const labels = rates.map((r) => r.key ?? ctx.filters.channel ?? ctx.t('overall'));
    const overall = rates[0].rate;
    panel('responseRate', {
      draw: (canvas) => window.TurbotaCharts.percentColumns(canvas, {
        labels, values: rates.map((r) => r.rate.value), intervals: rates.map((r) => r.rate.ci95), target: 70, targetLabel: ctx.t('target', { value: 70 }),
        describe: (i) => f.estimate('rate', rates[i].rate, rates[i].rate.invited),
      }),
      summary: ctx.t('summaryRate', { value: f.value('rate', overall.value), ci: f.ci('rate', overall.ci95), n: ctx.number(overall.invited) }),
      headers: ['', ctx.t('value'), ctx.t('low'), ctx.t('high'), ctx.t('invited'), ctx.t('answered')],
      rows: rates.map((r, i) => [labels[i], f.value('rate', r.rate.value), r.rate.ci95 ? f.value('rate', r.rate.ci95[0]) : '—', r.rate.ci95 ? f.value('rate', r.rate.ci95[1]) : '—', ctx.number(r.rate.invited), ctx.number(r.rate.answered)]),
      empty: overall.invited ? null : ctx.t('noInvitations'),
    });
  }

  function factorsPanel(data, ctx) {
    const factors = data.factors.factors; // ranked by the API: the most urgent first
    const name = (code) => { const key = `factor.${code}`; const text = ctx.t(key); return text === key ? code : text; };
    const importance = (v) => (v === null ? ctx.t('notEstimable') : ctx.number(v, 2));
    panel('factors', {
      draw: (canvas) => window.TurbotaCharts.horizontalBars(canvas, {
        labels: factors.map((x) => name(x.code)), values: factors.map((x) => x.importance), min: 0, max: 1,
        describe: (i) => `${ctx.t('importance')} ${importance(factors[i].importance)}; ${ctx.t('satisfaction')} ${ctx.number(factors[i].satisfaction)}; ${ctx.t('n', { n: factors[i].n })}`,
      }),
      summary: factors.length ? ctx.t('summaryFactors', { count: factors.length, first: name(factors[0].code) }) : ctx.t('noFactors'),
      headers: [ctx.t('factor'), ctx.t('rank'), ctx.t('importance'), ctx.t('satisfaction'), ctx.t('count')],
      rows: factors.map((x) => [name(x.code), String(x.rank), importance(x.importance), ctx.number(x.satisfaction), ctx.number(x.n)]),
      empty: factors.length ? null : ctx.t('noFactors'),
    });
  }

  function incidentsPanel(data, ctx, f) {
    const report = data.incidents;
    const sla = report.slaCompliance;
    const minutes = (v) => (v === null ? '—' : ctx.t('minutes', { value: ctx.number(v) }));
    const figures = [
      [ctx.t('slaCompliance'), `${f.value('rate', sla.value)} (${f.ci('rate', sla.ci95)}, ${f.n(sla.met + sla.breached)})`],
      [ctx.t('medianAck'), minutes(report.medianMinutesToAcknowledge)],
      [ctx.t('medianResolve'), minutes(report.medianMinutesToResolve)],
    ];
    document.getElementById('incident-figures').replaceChildren(...figures.flatMap(([term, value]) => [make('dt', null, term), make('dd', null, value)]));
    const labels = STATES.map((s) => ctx.t(`status.${s}`));
    const counts = STATES.map((s) => report.byStatus[s] ?? 0);
    panel('incidents', {
      draw: (canvas) => window.TurbotaCharts.stateColumns(canvas, { states: STATES, labels, counts }),
      summary: ctx.t('summaryIncidents', { total: ctx.number(report.total), value: f.value('rate', sla.value) }),
      headers: [ctx.t('state'), ctx.t('count')],
      rows: STATES.map((s, i) => [labels[i], ctx.number(counts[i])]),
      empty: report.total ? null : ctx.t('noData'),
    });
  }

  function render(data, ctx) {
    const f = formatter(ctx);
    kpis(data, ctx, f);
    trendPanel('npsTrend', 'nps', data.trends.nps, ctx, f);
    trendPanel('csatTrend', 'csat', data.trends.csat, ctx, f);
    trendPanel('cesTrend', 'ces', data.trends.ces, ctx, f);
    distributionPanel(data, ctx);
    ratePanel(data, ctx, f);
    factorsPanel(data, ctx);
    incidentsPanel(data, ctx, f);
  }

  function clear() {
    charts.forEach((chart) => chart.destroy());
    charts.clear();
  }

  window.TurbotaPanels = { render, clear };
})();
