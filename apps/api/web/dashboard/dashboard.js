// The Turbota dashboard: signs in with an API key, reads the reports API and draws the charts.
// Plain browser JavaScript (ES2020), no build step, nothing from elsewhere, no inline code: the
// page must work under a strict Content-Security-Policy. The key lives in sessionStorage only.
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const config = JSON.parse($('turbota-dashboard-config').textContent);
  const KEY_STORAGE = 'turbota.dashboard.key';
  const CUT_FIELDS = ['channel', 'agent', 'serviceType', 'pointOfService', 'locale'];
  const MAX_CHANNEL_RATES = 6;
  const state = { locale: config.locale, data: null, options: {}, loading: 0, status: null, signInError: null };

  // ---- Language ------------------------------------------------------------------------

  /** The text for `key` in the current language, with `{name}` placeholders filled in. */
  function t(key, vars) {
    const text = config.strings[state.locale][key] ?? config.strings.en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] === undefined ? '' : String(vars[name]))) : text;
  }

  function applyLanguage() {
    document.documentElement.lang = state.locale;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
    $('lang-select').value = state.locale;
    CUT_FIELDS.forEach((field) => fillCut(field));
    showStatus(state.status);
    if (state.signInError) $('sign-in-error').textContent = t(state.signInError);
  }

  /** The line under the filters, kept as a text key so a language switch rewrites it too. */
  function showStatus(status) {
    state.status = status;
    $('status').textContent = status ? t(status.key, status.vars) : '';
  }

  function switchLanguage(locale) {
    state.locale = locale;
    const url = new window.URL(window.location.href);
    url.searchParams.set('lang', locale);
    window.history.replaceState(null, '', url);
    applyLanguage();
    if (state.data) window.TurbotaPanels.render(state.data, context());
  }

  // ---- Numbers -------------------------------------------------------------------------

  const number = (value, digits = 0) => new Intl.NumberFormat(state.locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);

  function periodLabel(period, interval) {
    const date = new Date(`${period}T00:00:00Z`);
    const options = interval === 'month' ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' };
    return new Intl.DateTimeFormat(state.locale, { timeZone: 'UTC', ...options }).format(date);
  }

  /** What the panels need from this page: texts, number formats and the filters drawn. */
  function context() {
    return { t, number, periodLabel, interval: state.data ? state.data.filters.interval : 'week', filters: state.data ? state.data.filters : {} };
  }

  // ---- Signing in ----------------------------------------------------------------------

  const storage = {
    get: () => { try { return window.sessionStorage.getItem(KEY_STORAGE); } catch { return null; } },
    set: (value) => { try { window.sessionStorage.setItem(KEY_STORAGE, value); } catch { /* private mode: the key lasts this page */ } },
    remove: () => { try { window.sessionStorage.removeItem(KEY_STORAGE); } catch { /* as above */ } },
  };
  let memoryKey = null;
  const currentKey = () => memoryKey || storage.get();

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  /** GET from the API; a page opened with an Authorization header (a tool) lets the browser send it. */
  async function api(path, params, key = currentKey()) {
    const query = new window.URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
    const headers = { Accept: 'application/json' };
    if (key) headers.Authorization = `Bearer ${key}`;
    let res;
    try {
      res = await fetch(`/api/v1/${path}?${query}`, { headers, cache: 'no-store' });
    } catch {
      throw new ApiError(0, t('connection'));
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new ApiError(res.status, Array.isArray(body.message) ? body.message.join('; ') : body.message || res.statusText);
    return body;
  }

  function messageFor(error) {
    if (error.status === 401) return t('wrongKey');
    if (error.status === 403) return t('forbiddenKey');
    if (error.status === 0) return t('connection');
    return error.message;
  }

  function showSignIn(messageKey) {
    $('board').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    const error = $('sign-in-error');
    state.signInError = messageKey;
    error.hidden = !messageKey;
    error.textContent = messageKey ? t(messageKey) : '';
    $('api-key').setAttribute('aria-invalid', messageKey ? 'true' : 'false');
    document.body.dataset.state = 'signed-out';
    $('api-key').focus();
  }

  function showBoard() {
    $('sign-in').hidden = true;
    $('board').hidden = false;
    $('sign-out').hidden = config.headerAuth;
    return refresh();
  }

  async function signIn(event) {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) return showSignIn('emptyKey');
    const button = $('sign-in-submit');
    button.disabled = true;
    try {
      await api('reports/incidents', { from: today(), to: today() }, key);
      memoryKey = key;
      storage.set(key);
      $('api-key').value = '';
      await showBoard();
    } catch (error) {
      const known = { 401: 'wrongKey', 403: 'forbiddenKey', 0: 'connection' }[error.status];
      showSignIn(known || 'wrongKey');
      if (!known) { state.signInError = null; $('sign-in-error').textContent = error.message; }
    } finally {
      button.disabled = false;
    }
  }

  function signOut(messageKey) {
    memoryKey = null;
    storage.remove();
    state.data = null;
    window.TurbotaPanels.clear();
    showSignIn(messageKey);
  }

  // ---- Filters -------------------------------------------------------------------------

  const today = () => new Date().toISOString().slice(0, 10);
  const daysBefore = (day, days) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86400000).toISOString().slice(0, 10);

  function setPreset(days) {
    $('f-to').value = today();
    $('f-from').value = daysBefore(today(), days - 1);
    document.querySelectorAll('[data-days]').forEach((chip) => chip.setAttribute('aria-pressed', String(Number(chip.dataset.days) === days)));
  }

  function readFilters() {
    const form = $('filters');
    const filters = { from: form.from.value, to: form.to.value, interval: form.interval.value };
    CUT_FIELDS.forEach((field) => { if (form[field].value) filters[field] = form[field].value; });
    if (filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from];
    return filters;
  }

  /** A cut's choices: the keys seen in the period, and the one chosen even if it is not among them. */
  function fillCut(field) {
    const select = $('filters')[field];
    const chosen = select.value;
    const values = field === 'locale' ? config.locales : state.options[field] || [];
    const all = [...new Set([...values, ...(chosen ? [chosen] : [])])].sort();
    select.replaceChildren(new window.Option(t('all'), ''), ...all.map((v) => new window.Option(v, v)));
    select.value = chosen;
  }

  const CUT_GROUPS = { channel: 'channel', agent: 'agent', serviceType: 'service_type', pointOfService: 'point_of_service' };

  async function loadOptions(period) {
    const entries = await Promise.all(Object.entries(CUT_GROUPS).map(async ([field, groupBy]) => {
      const summary = await api('reports/summary', { ...period, groupBy });
      return [field, (summary.groups || []).map((g) => g.key).filter((k) => k !== null)];
    }));
    state.options = Object.fromEntries(entries);
    Object.keys(CUT_GROUPS).forEach(fillCut);
  }

  // ---- Loading -------------------------------------------------------------------------

  async function responseRates(cuts, summary) {
    const overall = { key: null, rate: summary.responseRate };
    const channels = cuts.channel ? [] : (state.options.channel || []).slice(0, MAX_CHANNEL_RATES);
    const perChannel = await Promise.all(channels.map(async (channel) => ({ key: channel, rate: (await api('reports/summary', { ...cuts, channel })).responseRate })));
    return [overall, ...perChannel];
  }

  async function fetchAll(filters) {
    const { interval, ...cuts } = filters;
    await loadOptions({ from: filters.from, to: filters.to });
    const [summary, nps, csat, ces, distribution, factors, incidents] = await Promise.all([
      api('reports/summary', cuts),
      api('reports/trend', { ...cuts, metric: 'nps', interval }),
      api('reports/trend', { ...cuts, metric: 'csat', interval }),
      api('reports/trend', { ...cuts, metric: 'ces', interval }),
      api('reports/score-distribution', { ...cuts, metric: 'nps' }),
      api('reports/factors', { ...cuts, metric: 'nps' }),
      api('reports/incidents', cuts),
    ]);
    const rates = await responseRates(cuts, summary);
    return { filters, summary, trends: { nps, csat, ces }, distribution, factors, incidents, rates };
  }

  async function refresh() {
    const filters = readFilters();
    const serial = ++state.loading;
    document.body.dataset.state = 'loading';
    showStatus({ key: 'loading' });
    try {
      const data = await fetchAll(filters);
      if (serial !== state.loading) return; // a newer refresh has started; its figures win
      state.data = data;
      window.TurbotaPanels.render(data, context());
      showStatus({ key: 'updated', vars: { from: filters.from, to: filters.to } });
      document.body.dataset.state = 'ready';
    } catch (error) {
      if (serial !== state.loading) return;
      if (error.status === 401 || error.status === 403) return signOut(error.status === 401 ? 'wrongKey' : 'forbiddenKey');
      showStatus({ key: 'loadFailed', vars: { reason: messageFor(error) } });
      document.body.dataset.state = 'failed';
    }
  }

  // ---- Start ---------------------------------------------------------------------------

  function start() {
    applyLanguage();
    setPreset(30);
    $('lang-select').addEventListener('change', (e) => switchLanguage(e.target.value));
    $('sign-in-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => signOut(null));
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
    document.querySelectorAll('[data-days]').forEach((chip) => chip.addEventListener('click', () => { setPreset(Number(chip.dataset.days)); refresh(); }));
    ['f-from', 'f-to'].forEach((id) => $(id).addEventListener('change', () => document.querySelectorAll('[data-days]').forEach((chip) => chip.setAttribute('aria-pressed', 'false'))));
    if (config.headerAuth || currentKey()) showBoard();
    else showSignIn(config.headerRejected ? 'wrongKey' : null);
  }

  start();
})();
