// The Turbota web chat page: renders the conversation and sends the customer's taps and words.
// Plain browser JavaScript, no build step and nothing from a CDN: the page must work offline.
(() => {
  'use strict';

  const config = JSON.parse(document.getElementById('turbota-chat-config').textContent);
  const t = config.strings;
  const storageKey = `turbota.chat.${config.point || 'default'}`;
  const RETRIES = 3;

  const el = (id) => document.getElementById(id);
  const log = el('chat-log');
  const input = el('chat-input');
  const composer = el('chat-composer');
  const notice = el('chat-notice');
  const seen = new Set();
  let session = null;
  let busy = false;
  let openControls = null;
  let pendingRetry = null;

  el('chat-title').textContent = t.title;
  el('chat-subtitle').textContent = t.subtitle;
  el('chat-input-label').textContent = t.inputLabel;
  input.placeholder = t.inputPlaceholder;
  el('chat-send').textContent = t.send;
  el('chat-complain').textContent = t.complain;
  el('chat-stop').textContent = t.stop;
  el('chat-retry').textContent = t.retry;
  el('chat-notice-text').textContent = t.connectionProblem;

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, className, onClick) {
    const node = make('button', className, label);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  // Only the newest question keeps its buttons; older ones stay as plain bubbles.
  function closeControls() {
    if (openControls) openControls.remove();
    openControls = null;
  }

  function renderPrompt(prompt) {
    const controls = make('div', 'controls');
    controls.dataset.openPrompt = prompt.questionCode || '';
    if (prompt.kind === 'scale') {
      const count = prompt.max - prompt.min + 1;
      const grid = make('div', count > 7 ? 'scale' : 'scale scale--short');
      grid.style.setProperty('--count', String(count));
      grid.setAttribute('role', 'group');
      for (let value = prompt.min; value <= prompt.max; value++) {
        grid.append(button(String(value), 'scale__button', () => send({ kind: 'scale', value })));
      }
      controls.append(grid);
      if (prompt.lowLabel || prompt.highLabel) {
        const labels = make('div', 'scale__labels');
        labels.append(make('span', '', prompt.lowLabel || ''), make('span', '', prompt.highLabel || ''));
        controls.append(labels);
      }
    } else if (prompt.kind === 'choice') {
      const list = make('div', 'choices');
      list.setAttribute('role', 'group');
      for (const option of prompt.options) {
        list.append(button(option.label, 'choice', () => send({ kind: 'choice', code: option.code })));
      }
      controls.append(list);
    } else if (prompt.kind === 'free_text') {
      if (prompt.skipLabel) controls.append(button(prompt.skipLabel, 'choice choice--quiet', () => send({ kind: 'choice', code: 'skip' })));
      setTimeout(() => input.focus(), 0);
    } else if (prompt.kind === 'contact') {
      controls.append(contactForm(prompt));
    }
    return controls.childElementCount ? controls : null;
  }

  function contactForm(prompt) {
    const form = make('form', 'contact');
    form.noValidate = true;
    form.append(make('p', 'contact__consent', prompt.consentText));
    const field = make('input', 'contact__input');
    field.id = `contact-${Date.now()}`;
    const label = make('label', 'contact__label');
    label.htmlFor = field.id;
    let kind = prompt.accepts.includes('phone') ? 'phone' : 'email';
    const kinds = make('div', 'contact__kinds');
    const toggles = {};
    const apply = () => {
      label.textContent = kind === 'phone' ? t.phoneLabel : t.emailLabel;
      field.type = kind === 'phone' ? 'tel' : 'email';
      field.autocomplete = kind === 'phone' ? 'tel' : 'email';
      field.inputMode = kind === 'phone' ? 'tel' : 'email';
      for (const [name, toggle] of Object.entries(toggles)) toggle.setAttribute('aria-pressed', String(name === kind));
    };
    if (prompt.accepts.length > 1) {
      for (const name of prompt.accepts) {
        toggles[name] = button(name === 'phone' ? t.usePhone : t.useEmail, 'contact__kind', () => {
          kind = name;
          apply();
          field.focus();
        });
        kinds.append(toggles[name]);
      }
      form.append(kinds);
    }
    const submit = make('button', 'contact__submit', t.contactSubmit);
    submit.type = 'submit';
    form.append(label, field, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = field.value.trim();
      if (!value) return field.focus();
      send(kind === 'phone' ? { kind: 'contact', phone: value } : { kind: 'contact', email: value });
    });
    apply();
    setTimeout(() => field.focus(), 0);
    return form;
  }

  function append(message) {
    if (seen.has(message.id)) return;
    seen.add(message.id);
    if (message.from === 'customer') {
      if (message.text) log.append(make('div', 'bubble bubble--customer', message.text));
      return;
    }
    closeControls();
    log.append(make('div', 'bubble bubble--bot', message.prompt.text));
    const controls = renderPrompt(message.prompt);
    if (controls) {
      log.append(controls);
      openControls = controls;
    }
  }

  function show(messages) {
    for (const message of messages) append(message);
    setBusy(busy);
    log.lastElementChild?.scrollIntoView({ block: 'end', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }

  let typing = null;
  function setBusy(value) {
    busy = value;
    for (const node of document.querySelectorAll('.controls button, .controls input, #chat-send, #chat-complain, #chat-stop')) node.disabled = value;
    if (value && !typing) {
      typing = make('div', 'typing', t.typing);
      log.append(typing);
    } else if (!value && typing) {
      typing.remove();
      typing = null;
    }
  }

  async function post(path, body) {
    const response = await fetch(`${config.apiBase}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 500) throw new Error(`server ${response.status}`);
    return response;
  }

  async function withRetries(work) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 400 * 2 ** attempt));
      }
    }
  }

  function failed(retry) {
    pendingRetry = retry;
    notice.hidden = false;
    setBusy(false);
  }

  el('chat-retry').addEventListener('click', () => {
    notice.hidden = true;
    const retry = pendingRetry;
    pendingRetry = null;
    if (retry) retry();
  });

  async function openSession() {
    setBusy(true);
    try {
      const response = await withRetries(() =>
        post('/sessions', { locale: config.locale, point: config.point || undefined, session: localStorage.getItem(storageKey) || undefined }),
      );
      if (!response.ok) throw new Error(`open ${response.status}`);
      const opened = await response.json();
      session = opened.session;
      localStorage.setItem(storageKey, session);
      setBusy(false);
      show(opened.messages);
      listen();
    } catch {
      failed(openSession);
    }
  }

  // The same id for every retry of one action, so the server applies it once.
  async function send(dialogueInput, id = crypto.randomUUID()) {
    if (busy || !session) return;
    setBusy(true);
    try {
      const response = await withRetries(() => post(`/sessions/${session}/inputs`, { id, input: dialogueInput }));
      if (response.status === 404) {
        localStorage.removeItem(storageKey);
        session = null;
        return openSession();
      }
      const body = await response.json();
      setBusy(false);
      if (response.ok) show(body.messages);
    } catch {
      failed(() => send(dialogueInput, id));
    }
  }

  let events = null;
  function listen() {
    if (events || !window.EventSource) return;
    events = new EventSource(`${config.apiBase}/sessions/${session}/events`);
    events.addEventListener('message', (event) => show([JSON.parse(event.data)]));
  }

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    send({ kind: 'text', text });
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  el('chat-complain').addEventListener('click', () => send({ kind: 'command', command: 'complain' }));
  el('chat-stop').addEventListener('click', () => send({ kind: 'command', command: 'stop' }));

  openSession();
})();
