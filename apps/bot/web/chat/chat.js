// The Turbota web chat page: shows the conversation and sends the customer's taps and words.
// Plain browser JavaScript (ES2020), no build step, nothing from elsewhere: the page must work
// offline and under a strict Content-Security-Policy (no inline code, no eval).
(() => {
  'use strict';

  const ATTEMPTS = 4; // one try and three retries, with the same action id
  const REQUEST_TIMEOUT_MS = 15000;
  const TYPING_DELAY_MS = 250; // a fast answer should not flash the dots
  const DIVIDER_GAP_MS = 30 * 60 * 1000; // a pause this long gets a time line
  const STREAM_RETRY_MS = [3000, 10000, 30000, 60000];

  const $ = (id) => document.getElementById(id);
  const config = JSON.parse($('turbota-chat-config').textContent);
  const t = config.strings || {};
  const api = config.apiBase || '/chat/api';
  // A personal survey link keeps its own session: its survey goes on only in the browser that opened it.
  const storageKey = config.link ? `turbota.chat.s.${config.link}` : config.point ? `turbota.chat.${config.point}` : 'turbota.chat';
  const ui = {
    log: $('chat-log'), prompt: $('chat-prompt'), pending: $('chat-pending'), typing: $('chat-typing'),
    notice: $('chat-notice'), noticeText: $('chat-notice-text'), retry: $('chat-retry'),
    composer: $('chat-composer'), input: $('chat-input'), send: $('chat-send'),
    complain: $('chat-complain'), stop: $('chat-stop'), footer: document.querySelector('.bar--bottom'),
    chooser: $('chat-chooser'), here: $('chat-here'),
  };
  const state = {
    session: null, opening: false, seen: new Set(), busy: false, lastAt: 0, bubbles: 0, switchingLanguage: false,
    promptSerial: 0, promptKind: null, contact: { kind: null, value: '' }, retry: null, events: null, streamFailures: 0, typingTimer: 0, keyboard: false,
  };

  // ---- Small helpers --------------------------------------------------------------------

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function makeButton(label, className, onClick) {
    const node = make('button', className, label);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  const storage = {
    get: () => { try { return localStorage.getItem(storageKey); } catch { return null; } },
    // Once the customer switched language, a session still being opened must not be kept:
    // the next page would resume it in the language they left.
    set: (value) => { try { if (!state.switchingLanguage) localStorage.setItem(storageKey, value); } catch { /* private mode: the chat still works */ } },
    remove: () => { try { localStorage.removeItem(storageKey); } catch { /* as above */ } },
  };

  // randomUUID exists only on https or localhost; a shop's LAN server may be plain http.
  function actionId() {
    if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // An instant jump: new bubbles rise into place on their own, and a smooth scroll would race them.
  function scrollToEnd() {
    window.requestAnimationFrame(() => window.scrollTo(0, document.documentElement.scrollHeight));
  }

  // ---- The transcript ---------------------------------------------------------------------

  function timeLabel(date) {
    const today = new Date().toDateString() === date.toDateString();
    const options = today ? { hour: 'numeric', minute: '2-digit' } : { day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' };
    try {
      return new Intl.DateTimeFormat(config.locale, options).format(date);
    } catch {
      return date.toLocaleString();
    }
  }

  // A quiet time line before the first message and after a long pause.
  function maybeDivider(at) {
    const date = new Date(at);
    if (Number.isNaN(date.getTime())) return;
    if (!state.lastAt || date.getTime() - state.lastAt > DIVIDER_GAP_MS) {
      const time = make('time', 'divider', timeLabel(date));
      time.dateTime = date.toISOString();
      ui.log.append(time);
    }
    state.lastAt = Math.max(state.lastAt, date.getTime());
  }

  function renderMessage(message) {
    if (!message || !message.id || state.seen.has(message.id)) return false;
    state.seen.add(message.id);
    maybeDivider(message.at);
    if (message.from === 'customer') {
      if (ui.pending.textContent === message.text) ui.pending.replaceChildren();
      if (message.text) ui.log.append(make('p', 'bubble bubble--customer', message.text));
      return true;
    }
    const prompt = message.prompt || { kind: 'text', text: message.text || '' };
    const bubble = make('p', 'bubble bubble--bot', prompt.text);
    bubble.id = `chat-bubble-${++state.bubbles}`;
    ui.log.append(bubble);
    openPrompt(prompt, bubble.id);
    return true;
  }

  /** Shows new messages in order; answers whether anything was new. */
  function render(messages) {
    let shown = false;
    for (const message of messages || []) shown = renderMessage(message) || shown;
    syncDisabled();
    if (shown) scrollToEnd();
    return shown;
  }

  function clearTranscript() {
    ui.log.replaceChildren();
    ui.prompt.replaceChildren();
    ui.pending.replaceChildren();
    state.seen.clear();
    state.lastAt = 0;
  }

  // ---- The open question ----------------------------------------------------------------------

  // Only the newest bot message keeps its answers; older questions stay as plain bubbles.
  function openPrompt(prompt, labelId) {
    ui.prompt.replaceChildren();
    state.promptSerial++;
    state.promptKind = prompt.kind;
    const controls = make(prompt.kind === 'contact' ? 'form' : 'div', 'controls');
    controls.dataset.question = labelId;
    // Buttons are grouped under their question; the contact form is not, so that its field's
    // label ("Phone number") is the only label with those words.
    if (prompt.kind !== 'contact') {
      controls.setAttribute('role', 'group');
      controls.setAttribute('aria-labelledby', labelId);
    }
    if (prompt.kind === 'scale') scaleControls(controls, prompt);
    else if (prompt.kind === 'choice') choiceControls(controls, prompt.options || []);
    else if (prompt.kind === 'free_text' && prompt.skipLabel) controls.append(answerButton(prompt.skipLabel, 'choice choice--quiet', { kind: 'choice', code: 'skip' }));
    else if (prompt.kind === 'contact') contactControls(controls, prompt);
    // "No, thanks" beside the contact form, "That's all" under a question after a complaint.
    const quiet = prompt.kind === 'contact' ? prompt.declineLabel : prompt.endLabel;
    if (quiet) controls.append(answerButton(quiet, 'choice choice--quiet', { kind: 'choice', code: prompt.kind === 'contact' ? 'no' : 'end' }));
    if (controls.childElementCount) ui.prompt.append(controls);
  }

  function answerButton(label, className, input) {
    const node = makeButton(label, className, () => void act(input, { chosen: node }));
    return node;
  }

  function scaleControls(controls, prompt) {
    const min = Number(prompt.min);
    const count = Number(prompt.max) - min + 1;
    if (!Number.isInteger(min) || !Number.isInteger(count) || count < 2 || count > 21) return;
    const half = Math.ceil(count / 2);
    const grid = make('div', count > 7 ? 'scale scale--long' : 'scale');
    grid.style.setProperty('--count', String(count));
    grid.style.setProperty('--half', String(half));
    for (let value = min; value < min + count; value++) {
      const button = answerButton(String(value), 'scale__button', { kind: 'scale', value });
      if (count % 2 === 1 && value - min === half) button.classList.add('scale__button--shift');
      grid.append(button);
    }
    controls.append(grid);
    if (prompt.lowLabel || prompt.highLabel) {
      const ends = make('div', 'scale__ends');
      const low = make('span', '', prompt.lowLabel || '');
      const high = make('span', '', prompt.highLabel || '');
      low.id = `${controls.dataset.question}-low`;
      high.id = `${controls.dataset.question}-high`;
      ends.append(low, high);
      controls.append(ends);
      if (prompt.lowLabel) grid.firstElementChild.setAttribute('aria-describedby', low.id);
      if (prompt.highLabel) grid.lastElementChild.setAttribute('aria-describedby', high.id);
    }
  }

  function choiceControls(controls, options) {
    // Two or three short answers (yes / no) sit side by side; longer lists are stacked.
    const short = options.length <= 3 && options.every((o) => String(o.label).length <= 14);
    const list = make('div', short ? 'choices choices--row' : 'choices');
    for (const option of options) list.append(answerButton(option.label, 'choice', { kind: 'choice', code: option.code }));
    controls.append(list);
  }

  function contactControls(form, prompt) {
    const accepts = (prompt.accepts || []).filter((k) => k === 'phone' || k === 'email');
    // Asked again after a typo: keep the chosen kind and what was typed, to correct it.
    let kind = accepts.includes(state.contact.kind) ? state.contact.kind : accepts[0] || 'phone';
    const consent = make('p', 'contact__consent', prompt.consentText);
    consent.id = `${form.dataset.question}-consent`;
    const field = make('input', 'field contact__input');
    field.id = `${form.dataset.question}-contact`;
    field.name = 'contact';
    field.setAttribute('aria-describedby', consent.id);
    const label = make('label', 'contact__label');
    label.htmlFor = field.id;
    const toggles = new Map();
    const apply = () => {
      const phone = kind === 'phone';
      label.textContent = phone ? t.phoneLabel : t.emailLabel;
      field.type = phone ? 'tel' : 'email';
      field.autocomplete = phone ? 'tel' : 'email';
      field.inputMode = phone ? 'tel' : 'email';
      field.maxLength = phone ? 40 : 254;
      field.removeAttribute('aria-invalid');
      for (const [name, toggle] of toggles) toggle.setAttribute('aria-pressed', String(name === kind));
    };
    form.classList.add('contact');
    form.noValidate = true;
    form.append(consent);
    if (accepts.length > 1) {
      const kinds = make('div', 'contact__kinds');
      for (const name of accepts) {
        const toggle = makeButton(name === 'phone' ? t.usePhone : t.useEmail, 'contact__kind', () => {
          kind = name;
          state.contact.kind = name;
          apply();
          field.focus();
        });
        toggles.set(name, toggle);
        kinds.append(toggle);
      }
      form.append(kinds);
    }
    const submit = make('button', 'primary contact__submit', t.contactSubmit);
    submit.type = 'submit';
    const row = make('div', 'contact__row');
    row.append(field, submit);
    form.append(label, row);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = field.value.trim();
      state.contact = { kind, value };
      if (!value) {
        field.setAttribute('aria-invalid', 'true');
        field.focus();
        return;
      }
      void act(kind === 'phone' ? { kind: 'contact', phone: value } : { kind: 'contact', email: value }, { chosen: submit });
    });
    field.addEventListener('input', () => field.removeAttribute('aria-invalid'));
    field.value = state.contact.value;
    apply();
  }

  // After the customer's own action: free text and contacts want the keyboard; a keyboard
  // user whose button just went away lands on the new answers instead of the page's top.
  function focusOpenPrompt() {
    const lost = !document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected;
    if (state.promptKind === 'free_text') return ui.input.focus({ preventScroll: true });
    if (state.promptKind === 'contact') return ui.prompt.querySelector('input')?.focus({ preventScroll: true });
    if (lost && state.keyboard) (ui.prompt.querySelector('button') || ui.input).focus({ preventScroll: true });
  }

  // ---- Busy state, typing dots and the notice ----------------------------------------------

  function syncDisabled() {
    const off = state.busy || !state.session;
    for (const node of ui.prompt.querySelectorAll('button, input')) node.disabled = off;
    ui.send.disabled = off;
    ui.complain.disabled = off;
    ui.stop.disabled = off;
  }

  function setBusy(busy) {
    state.busy = busy;
    syncDisabled();
    window.clearTimeout(state.typingTimer);
    if (!busy) {
      ui.typing.hidden = true;
      return;
    }
    state.typingTimer = setTimeout(() => {
      ui.typing.hidden = false;
      scrollToEnd();
    }, TYPING_DELAY_MS);
  }

  function showNotice(text, retry) {
    state.retry = retry;
    ui.noticeText.textContent = text;
    ui.retry.hidden = !retry;
    ui.notice.hidden = false;
  }

  function hideNotice() {
    state.retry = null;
    ui.notice.hidden = true;
  }

  function retryNow() {
    const retry = state.retry;
    hideNotice();
    if (retry) retry();
  }

  // ---- Talking to the server -------------------------------------------------------------

  class ConnectionProblem extends Error {}

  async function postOnce(path, body) {
    const controller = new window.AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(`${api}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
        credentials: 'same-origin',
      });
      const data = await response.json().catch(() => ({}));
      return { status: response.status, data };
    } finally {
      window.clearTimeout(timer);
    }
  }

  // Network errors and 5xx are retried with the same body (so the same action id): the server
  // applies an action once however often it arrives. A 429 (too much at once) is not: retrying
  // at once would only spend the budget further; the customer is asked to wait a moment.
  async function post(path, body) {
    for (let attempt = 1; ; attempt++) {
      let result;
      try {
        result = await postOnce(path, body);
      } catch {
        result = undefined;
      }
      if (result && result.status < 500) return result;
      if (attempt >= ATTEMPTS) throw new ConnectionProblem(result ? `HTTP ${result.status}` : 'network');
      await wait(500 * 2 ** (attempt - 1));
    }
  }

  async function openSession() {
    if (state.opening) return;
    state.opening = true;
    hideNotice();
    setBusy(true);
    try {
      if (config.linkProblem) return closedLink(config.linkProblem === 'unknown' ? t.linkUnknown : t.linkClosed);
      const stored = storage.get();
      // An e-mail's score button: the survey opens with that answer given (once; a reload goes on).
      const answer = typeof config.linkAnswer === 'number' && !stored ? config.linkAnswer : undefined;
      const opening = { locale: config.locale, point: config.point || undefined, link: config.link || undefined, answer };
      let result = await post('/sessions', { ...opening, session: stored || undefined });
      if (result.status === 400 && stored) {
        storage.remove(); // a damaged token: start afresh rather than fail for ever
        result = await post('/sessions', opening);
      }
      if (result.status === 404 && config.link) return closedLink(t.linkUnknown);
      if (result.status === 410) return closedLink(t.linkClosed);
      if (result.status === 429) {
        setBusy(false);
        return showNotice(t.tooFast, openSession);
      }
      if (result.status !== 200 || !result.data.session) throw new ConnectionProblem(`HTTP ${result.status}`);
      state.session = result.data.session;
      storage.set(state.session);
      setBusy(false);
      render(result.data.messages);
      listen();
    } catch {
      setBusy(false);
      showNotice(t.connectionProblem, openSession);
    } finally {
      state.opening = false;
    }
  }

  // A survey link that cannot be answered here: said once, with nothing to retry, type or press.
  function closedLink(text) {
    setBusy(false);
    showNotice(text, null);
    for (const node of [ui.composer, ui.stop, ui.complain]) node.hidden = true;
  }

  // ---- Where to answer a survey link -----------------------------------------------------------

  // The messengers a link's page may offer: the deep link's key in config.linkMessengers, its element and its text.
  const MESSENGERS = [['telegram', 'chat-in-telegram', 'answerInTelegram'], ['viber', 'chat-in-viber', 'answerInViber'], ['messenger', 'chat-in-messenger', 'answerInMessenger']];

  // A link opens one survey, wherever it is opened first; so when the bot is in a messenger too,
  // the customer chooses before anything opens. A browser that answers the link already goes on.
  function offersChoice() {
    const messengers = config.linkMessengers || {};
    const answered = typeof config.linkAnswer === 'number';
    return Boolean(config.link) && !config.linkProblem && !answered && MESSENGERS.some(([name]) => typeof messengers[name] === 'string') && !storage.get();
  }

  // Nothing to type, report or stop before there is a survey here: the footer and the header's button wait.
  function showChooser() {
    const messengers = config.linkMessengers || {};
    $('chat-chooser-title').textContent = t.chooserTitle || '';
    ui.here.textContent = t.answerHere || '';
    for (const [name, id, text] of MESSENGERS) {
      if (typeof messengers[name] !== 'string') continue;
      $(id).href = messengers[name];
      $(`${id}-label`).textContent = t[text] || name;
      $(id).hidden = false;
    }
    for (const node of [ui.footer, ui.complain]) node.hidden = true;
    ui.chooser.hidden = false;
  }

  // Here, in the browser: the survey opens as on a link without a choice. A keyboard user lands on its first answers.
  async function answerHere() {
    ui.chooser.hidden = true;
    for (const node of [ui.footer, ui.complain]) node.hidden = false;
    await openSession();
    if (state.keyboard) focusOpenPrompt();
  }

  /**
   * Sends one customer action. `id` is kept across retries of that action; `text` is the
   * customer's typed words, shown at once and given back to the text box if they do not go.
   */
  async function act(input, { id = actionId(), text, chosen } = {}) {
    if (state.busy || !state.session) return;
    hideNotice();
    const serial = state.promptSerial;
    if (text) ui.pending.replaceChildren(make('p', 'bubble bubble--customer', text));
    if (chosen) chosen.classList.add('is-chosen');
    setBusy(true);
    scrollToEnd();
    try {
      const result = await post(`/sessions/${encodeURIComponent(state.session)}/inputs`, { id, input });
      ui.pending.replaceChildren();
      if (result.status === 404) return restart(input, text);
      setBusy(false);
      if (result.status === 429) {
        chosen?.classList.remove('is-chosen');
        giveBack(text);
        return showNotice(t.tooFast, () => void act(input, { id, text: takeBack(text), chosen: chosen?.isConnected ? chosen : undefined }));
      }
      if (result.status !== 200) {
        chosen?.classList.remove('is-chosen');
        giveBack(text);
        return showNotice(t.notSent, null);
      }
      render(result.data.messages);
      if (state.promptSerial !== serial) focusOpenPrompt();
    } catch {
      ui.pending.replaceChildren();
      chosen?.classList.remove('is-chosen');
      setBusy(false);
      giveBack(text);
      showNotice(t.connectionProblem, () => void act(input, { id, text: takeBack(text), chosen: chosen?.isConnected ? chosen : undefined }));
    }
  }

  // Words that did not go are put back, so nothing typed is lost.
  function giveBack(text) {
    if (text && !ui.input.value.trim()) {
      ui.input.value = text;
      fitInput();
    }
  }

  // Retrying words sends them again; the copy given back to the box goes away.
  function takeBack(text) {
    if (text && ui.input.value.trim() === text) {
      ui.input.value = '';
      fitInput();
    }
    return text;
  }

  // The server no longer knows the session (erased, expired): begin a new conversation. An
  // answer belonged to the old questions and is dropped; typed words go back to the box; a
  // command ("report a problem", "stop surveys") means the same in the new one and is sent again.
  async function restart(input, text) {
    storage.remove();
    state.session = null;
    closeStream();
    clearTranscript();
    setBusy(false);
    giveBack(text);
    await openSession();
    if (input.kind === 'command' && state.session) await act(input);
  }

  // Server-Sent Events: messages made elsewhere (a supervisor's follow-up); repeats are dropped.
  function listen() {
    closeStream();
    if (!window.EventSource || !state.session) return;
    const session = state.session;
    const events = new window.EventSource(`${api}/sessions/${encodeURIComponent(session)}/events`);
    state.events = events;
    events.addEventListener('open', () => (state.streamFailures = 0));
    events.addEventListener('message', (event) => {
      try {
        render([JSON.parse(event.data)]);
      } catch {
        // A malformed event is skipped; the next full load shows the transcript anyway.
      }
    });
    // EventSource reconnects by itself after a dropped line, but gives up on an error status.
    events.addEventListener('error', () => {
      if (events.readyState !== window.EventSource.CLOSED || state.events !== events) return;
      const delay = STREAM_RETRY_MS[Math.min(state.streamFailures++, STREAM_RETRY_MS.length - 1)];
      setTimeout(() => state.session === session && state.events === events && listen(), delay);
    });
  }

  function closeStream() {
    if (state.events) state.events.close();
    state.events = null;
  }

  // ---- The page's own controls -----------------------------------------------------------

  function fitInput() {
    const input = ui.input;
    input.style.height = 'auto';
    const borders = input.offsetHeight - input.clientHeight;
    input.style.height = `${input.scrollHeight + borders}px`;
  }

  function sendTyped() {
    const text = ui.input.value.trim();
    if (!text) return ui.input.focus();
    if (state.busy || !state.session) return;
    ui.input.value = '';
    fitInput();
    void act({ kind: 'text', text }, { text });
  }

  // Each language named in itself, the way people look for their own.
  const LANGUAGE_NAMES = { uk: 'Українська', ru: 'Русский', en: 'English' };

  // Links to the page in each language the installation speaks; a switch starts the chat afresh in it.
  function languageSwitch(locales) {
    const nav = make('nav', 'langs');
    nav.setAttribute('aria-label', t.language || '');
    for (const locale of locales) {
      const link = make('a', 'langs__link', locale.toUpperCase());
      const url = new window.URL(window.location.href);
      url.searchParams.set('lang', locale);
      Object.assign(link, { href: url.pathname + url.search, lang: locale, hreflang: locale, title: LANGUAGE_NAMES[locale] || locale });
      if (locale === config.locale) link.setAttribute('aria-current', 'true');
      link.addEventListener('click', () => {
        state.switchingLanguage = true;
        storage.remove();
      });
      nav.append(link);
    }
    return nav;
  }

  function wire() {
    // Under the greeting's intro, where a customer looks before answering (the header has no room on a phone).
    if (Array.isArray(config.locales) && config.locales.length > 1) $('chat-subtitle').after(languageSwitch(config.locales));
    $('chat-subtitle').textContent = t.subtitle || '';
    // A QR code of a point that is not (or no longer) registered: say so kindly; the survey runs anyway.
    if (config.pointUnknown && t.pointUnknown) {
      $('chat-point-unknown').textContent = t.pointUnknown;
      $('chat-point-unknown').hidden = false;
    }
    $('chat-title').textContent = t.title || document.title;
    $('chat-input-label').textContent = t.inputLabel || '';
    $('chat-typing-text').textContent = t.typing || '';
    ui.input.placeholder = t.inputPlaceholder || '';
    $('chat-send-label').textContent = t.send || '';
    ui.complain.textContent = t.complain || '';
    ui.stop.textContent = t.stop || '';
    ui.retry.textContent = t.retry || '';

    ui.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      sendTyped();
    });
    ui.input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      event.preventDefault();
      sendTyped();
    });
    ui.input.addEventListener('input', fitInput);
    ui.complain.addEventListener('click', () => void act({ kind: 'command', command: 'complain' }));
    ui.stop.addEventListener('click', () => void act({ kind: 'command', command: 'stop' }));
    ui.retry.addEventListener('click', retryNow);
    ui.here.addEventListener('click', () => void answerHere());
    window.addEventListener('online', () => state.retry && retryNow());
    document.addEventListener('keydown', (event) => {
      if (['Tab', 'Enter', ' ', 'ArrowDown', 'ArrowUp'].includes(event.key)) state.keyboard = true;
    }, true);
    document.addEventListener('pointerdown', () => (state.keyboard = false), true);
  }

  wire();
  if (offersChoice()) showChooser();
  else void openSession();
})();
