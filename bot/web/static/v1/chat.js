/* KYRA web widget, v1: the chat inside the iframe (chat.html). Plain JavaScript, no dependencies.
 * Privacy: the conversation lives in memory. Only when the user ticks "Keep this chat" is it copied to
 * sessionStorage (this browser tab only); never localStorage or cookies. "End chat & delete" wipes it here and
 * asks the server to forget it; quick exit wipes it and leaves. The sender id is random per chat.
 * Safety: no eval, no innerHTML; every text reaches the page through textContent. Docs: docs/widget.md. */
(function () {
  'use strict';

  var STORE_KEY = 'kyra-chat';
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;
  var TIMEOUT_MS = 60000;
  var MAX_CHARS = 2000;
  var DEFAULT_EXIT = 'https://www.bbc.co.uk/weather';
  var WEBHOOK = new URL('../../webhooks/web/webhook', location.href).href;
  var FORGET = new URL('../../webhooks/privacy/forget', location.href).href;

  var hash = new URLSearchParams(location.hash.slice(1));
  var embedded = window.parent !== window;
  var hostOrigin = /^https?:\/\/[^\/]+$/.test(hash.get('o') || '') ? hash.get('o') : '*';
  var exitUrl = httpUrl(hash.get('x')) || DEFAULT_EXIT;
  var hint = (hash.get('h') || new URLSearchParams(location.search).get('lang') || '').slice(0, 35);
  var profile = /^[\w.-]{1,40}$/.test(hash.get('p') || '') ? hash.get('p') : '';
  var hostPresent = false;
  var exiting = false;

  var i18n = { languages: [], texts: {}, buttons: [] };
  var config = { default_language: 'en', emergency: [], phones: [] };
  var T = {};
  var pattern = null;
  var queue = Promise.resolve();
  var state = fresh('en');

  function $(id) { return document.getElementById(id); }
  var root = document.documentElement;
  var bar = $('bar');
  var launch = $('launch');
  var panel = $('panel');
  var closeButton = $('close');
  var picker = $('language');
  var explainer = $('explainer');
  var log = $('log');
  var status = $('status');
  var shiftStatus = $('shift-status');
  var form = $('form');
  var input = $('message');
  var keepBox = $('keep');

  function fresh(lang) {
    return { sender: newId(), started: false, lang: lang, explicit: null, items: [], explainerSeen: false,
             keep: false };
  }

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function httpUrl(value) {
    try {
      var url = new URL(value);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function t(key) {
    return T[key] || (i18n.texts.en || {})[key] || '';
  }

  function tell(message) {
    if (embedded) {
      message.kyra = 1;
      window.parent.postMessage(message, hostOrigin);
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  /* ---------- server ---------- */

  function fetchJson(url, body) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    var options = { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', signal: controller.signal };
    if (body) {
      options.method = 'POST';
      options.headers = { 'Content-Type': 'application/json' };
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      clearTimeout(timer);
      if (!response.ok) {
        // A refusal may carry a text for the user (message too long, too fast: docs/limits.md).
        return response.json().catch(function () { return null; }).then(function (data) {
          var error = new Error('HTTP ' + response.status);
          error.status = response.status;
          error.data = data;
          throw error;
        });
      }
      return response.json();
    }, function (error) {
      clearTimeout(timer);
      throw error;
    });
  }

  /* ---------- language ---------- */

  function baseLanguage(tag) {
    var code = String(tag || '').replace('_', '-').split('-')[0].toLowerCase();
    code = { fil: 'tl', 'in': 'id' }[code] || code;
    return i18n.texts[code] ? code : null;
  }

  function direction(code) {
    for (var i = 0; i < i18n.languages.length; i++) {
      if (i18n.languages[i].code === code) { return i18n.languages[i].dir; }
    }
    return 'ltr';
  }

  function setLanguage(code) {
    code = baseLanguage(code) || baseLanguage(config.default_language) || 'en';
    var changed = code !== state.lang || !T.launcher;
    state.lang = code;
    T = i18n.texts[code] || {};
    root.lang = code;
    root.dir = direction(code);
    picker.value = code;
    if (!changed) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (node) {
      if (T[node.getAttribute('data-t')]) { node.textContent = T[node.getAttribute('data-t')]; }
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-t-label]'), function (node) {
      if (T[node.getAttribute('data-t-label')]) { node.setAttribute('aria-label', T[node.getAttribute('data-t-label')]); }
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-t-placeholder]'), function (node) {
      if (T[node.getAttribute('data-t-placeholder')]) { node.placeholder = T[node.getAttribute('data-t-placeholder')]; }
    });
    document.title = t('frame_title') || 'KYRA';
    tell({ type: 'title', title: document.title });
    if (!state.started) { renderAll(); }
    reportSize();
  }

  function buildPicker() {
    i18n.languages.forEach(function (language) {
      var option = el('option', null, language.name);
      option.value = language.code;
      option.lang = language.code;
      option.dir = language.dir;
      picker.appendChild(option);
    });
  }

  /* ---------- rendering ---------- */

  function buildPattern() {
    var known = (config.phones || []).map(function (p) { return p.text; }).filter(Boolean)
      .sort(function (a, b) { return b.length - a.length; }).map(escapeRegExp);
    var parts = ['(https?:\\/\\/[^\\s<>"]*[^\\s<>".,;:!?)\\]])', '(\\+\\d[\\d \\-]{5,17}\\d)'];
    if (known.length) { parts.push('(' + known.join('|') + ')'); }
    pattern = new RegExp(parts.join('|'), 'g');
  }

  function isDigit(ch) {
    return !!ch && ch >= '0' && ch <= '9';
  }

  function knownTel(text) {
    var phones = config.phones || [];
    for (var i = 0; i < phones.length; i++) {
      if (phones[i].text === text) { return phones[i].tel; }
    }
    return 'tel:' + text.replace(/[^\d+]/g, '');
  }

  function link(href, text, external) {
    var a = el('a', null, text);
    a.href = href;
    if (external) {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
    }
    return a;
  }

  function appendPhone(parent, tel, display, copyValue) {
    if (!/^tel:\+?[\d*#]{2,20}$/.test(tel || '')) {
      parent.appendChild(document.createTextNode(display || ''));
      return;
    }
    var a = link(tel, display);
    a.className = 'tel';
    a.dir = 'ltr';
    parent.appendChild(a);
    parent.appendChild(document.createTextNode(' '));
    var button = el('button', 'copy', t('copy'));
    button.type = 'button';
    button.setAttribute('data-copy', copyValue || display);
    button.setAttribute('aria-label', t('copy') + ' ' + display);
    parent.appendChild(button);
  }

  function appendExternal(parent, url, text) {
    var href = httpUrl(url);
    if (href) { parent.appendChild(link(href, text || href, true)); } else { parent.appendChild(document.createTextNode(text || '')); }
  }

  function richText(parent, text) {
    pattern.lastIndex = 0;
    var last = 0;
    var match;
    while ((match = pattern.exec(text))) {
      var start = match.index;
      var found = match[0];
      var end = start + found.length;
      if (match[3] && (isDigit(text.charAt(start - 1)) || text.charAt(start - 1) === '+' || isDigit(text.charAt(end)))) {
        continue;
      }
      parent.appendChild(document.createTextNode(text.slice(last, start)));
      if (match[1]) {
        appendExternal(parent, found, found);
      } else {
        appendPhone(parent, match[2] ? 'tel:' + found.replace(/[^\d+]/g, '') : knownTel(found), found, found);
      }
      last = end;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function bubble(kind, lang) {
    var wrap = el('div', 'msg ' + kind);
    var who = el('span', 'vh', kind === 'user' ? t('you') : t('bot'));
    who.lang = state.lang;
    wrap.appendChild(who);
    var body = el('div', 'text');
    body.dir = 'auto';
    if (lang) { body.lang = lang; }
    wrap.appendChild(body);
    log.appendChild(wrap);
    return body;
  }

  function replies(buttons) {
    if (!buttons || !buttons.length) { return; }
    var group = el('div', 'replies');
    buttons.forEach(function (b) {
      var button = el('button', 'reply', b.title || b.payload);
      button.type = 'button';
      button.dir = 'auto';
      button.setAttribute('data-payload', b.payload);
      group.appendChild(button);
    });
    log.appendChild(group);
  }

  function renderText(text, lang) {
    var first = null;
    String(text || '').split(/\n\s*\n/).forEach(function (chunk) {
      if (!chunk.trim()) { return; }
      var body = bubble('bot', lang);
      richText(body, chunk.trim());
      first = first || body.parentNode;
    });
    return first;
  }

  function row(parent, label, fill) {
    var p = el('p', 'row');
    if (label) { p.appendChild(el('span', 'label', label + ': ')); }
    fill(p);
    parent.appendChild(p);
  }

  function renderServices(card, lang) {
    var labels = card.labels || {};
    var body = bubble('bot card', lang);
    if (card.intro) { body.appendChild(el('p', 'intro', card.intro)); }
    var emergency = card.emergency || [];
    if (emergency.length) {
      var list = el('ul', 'emergency');
      emergency.forEach(function (e) {
        var item = el('li');
        row(item, e.label, function (p) { appendPhone(p, e.tel, e.number, e.number); });
        list.appendChild(item);
      });
      body.appendChild(list);
    }
    var services = el('ul', 'services');
    (card.services || []).forEach(function (s) {
      var item = el('li', 'service');
      item.appendChild(el('p', 'name', s.name));
      var traits = [s.type_label].concat(s.badges || []);
      if (s.not_police === true) { traits.push(labels.not_police); }
      if (s.not_police === false) { traits.push(labels.police); }
      if (s.unverified) { traits.push(labels.unverified); }
      traits = traits.filter(Boolean);
      if (traits.length) { item.appendChild(el('p', 'traits', traits.join(' · '))); }
      (s.phones || []).forEach(function (p) {
        row(item, labels.phone, function (line) {
          appendPhone(line, p.tel, p.display || p.international, p.international || p.display);
          if (p.label) { line.appendChild(document.createTextNode(' (' + p.label + ')')); }
        });
      });
      (s.sms || []).forEach(function (p) {
        row(item, labels.sms, function (line) {
          var number = (p.tel || '').replace(/^tel:/, '');
          if (/^\+?\d{2,20}$/.test(number)) { line.appendChild(link('sms:' + number, p.display || number)); } else { line.appendChild(document.createTextNode(p.display || '')); }
        });
      });
      (s.whatsapp || []).forEach(function (w) {
        row(item, labels.whatsapp, function (line) { appendExternal(line, w.url, w.display); });
      });
      (s.viber || []).forEach(function (v) {
        row(item, labels.viber || 'Viber', function (line) { line.appendChild(document.createTextNode(v.international || v.display || '')); });
      });
      (s.emails || []).forEach(function (email) {
        row(item, labels.email, function (line) {
          if (/^[^\s@<>?#&]+@[^\s@<>?#&]+$/.test(email)) { line.appendChild(link('mailto:' + email, email)); } else { line.appendChild(document.createTextNode(email)); }
        });
      });
      if (s.web) {
        row(item, labels.web, function (line) { appendExternal(line, s.web, s.web.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')); });
      }
      if (s.how_to_reach) { item.appendChild(el('p', 'meta', s.how_to_reach)); }
      (s.social || []).forEach(function (so) {
        row(item, labels.social, function (line) { appendExternal(line, so.url, so.handle || so.network); });
      });
      if (s.languages && s.languages.length) {
        row(item, labels.languages, function (line) { line.appendChild(document.createTextNode(s.languages.join(', '))); });
      }
      if (s.hours) {
        row(item, labels.hours, function (line) { line.appendChild(document.createTextNode(s.hours)); });
      }
      if (s.source_line) { item.appendChild(el('p', 'source', s.source_line)); }
      services.appendChild(item);
    });
    if (services.childNodes.length) { body.appendChild(services); }
    if (!body.childNodes.length && card.text) { richText(body, card.text); }
    return body.parentNode;
  }

  function renderWelcome() {
    var body = bubble('bot', state.lang);
    body.appendChild(el('p', null, t('welcome')));
    var numbers = (config.emergency || []).join(' / ');
    if (numbers && t('danger')) {
      var danger = el('p', 'danger');
      richText(danger, t('danger').replace('{numbers}', numbers));
      body.appendChild(danger);
    }
    body.appendChild(el('p', 'small', t('privacy')));
    replies((i18n.buttons || []).map(function (b) { return { title: t(b.key), payload: b.payload }; }));
    return body.parentNode;
  }

  function renderNotice(item) {
    var note = el('div', 'notice');
    var text = el('p', null, item.t);
    if (item.l) { text.lang = item.l; text.dir = direction(item.l); }
    note.appendChild(text);
    if (item.retry) {
      var button = el('button', 'retry', t('retry'));
      button.type = 'button';
      button.addEventListener('click', function () {
        note.parentNode.removeChild(note);
        item.retry();
      });
      note.appendChild(button);
    }
    log.appendChild(note);
    return note;
  }

  function renderItem(item) {
    switch (item.k) {
      case 'w': return renderWelcome();
      case 'n': return renderNotice(item);
      case 'u':
        var body = bubble('user');
        body.textContent = item.t;
        return body.parentNode;
      case 's': return renderServices(item.c || {}, item.l);
      case 'b':
        var node = renderText(item.t, item.l);
        replies(item.b);
        return node;
    }
    return null;
  }

  function renderAll() {
    log.textContent = '';
    state.items.forEach(renderItem);
    log.scrollTop = log.scrollHeight;
  }

  function addItem(item) {
    state.items.push(item);
    var node = renderItem(item);
    return node;
  }

  function reveal(node) {
    if (!node) { return; }
    var offset = node.getBoundingClientRect().top - log.getBoundingClientRect().top;
    log.scrollTop += Math.min(offset - 8, log.scrollHeight);
  }

  function announce(region, text) {
    region.textContent = '';
    setTimeout(function () { region.textContent = text; }, 60);
  }

  /* ---------- conversation ---------- */

  var typing = null;

  function setBusy(busy) {
    log.setAttribute('aria-busy', busy ? 'true' : 'false');
    if (busy && !typing) {
      typing = el('div', 'msg bot typing');
      var pulse = el('span', 'pulse');
      pulse.setAttribute('aria-hidden', 'true');
      typing.appendChild(pulse);
      typing.appendChild(document.createTextNode(t('typing')));
      log.appendChild(typing);
      log.scrollTop = log.scrollHeight;
    } else if (!busy && typing) {
      if (typing.parentNode) { typing.parentNode.removeChild(typing); }
      typing = null;
    }
  }

  function send(text, shown) {
    text = String(text || '').slice(0, MAX_CHARS);
    if (!text.trim()) { return; }
    addItem({ k: 'u', t: shown || text });
    log.scrollTop = log.scrollHeight;
    var metadata = { channel: 'web' };
    if (hint) { metadata.language_hint = hint; }
    if (state.explicit) { metadata.language = state.explicit; state.explicit = null; }
    if (profile) { metadata.profile = profile; }
    state.started = true;
    save();
    request(state.sender, text, metadata);
  }

  function request(sender, text, metadata) {
    queue = queue.then(function () {
      if (sender !== state.sender) { return null; }
      setBusy(true);
      return fetchJson(WEBHOOK, { sender: sender, message: text, metadata: metadata }).then(function (data) {
        setBusy(false);
        if (sender !== state.sender) { return; }
        if (data.language) { setLanguage(data.language); }
        var lang = data.language || state.lang;
        var said = [];
        var first = null;
        (data.messages || []).forEach(function (message) {
          var custom = message.custom;
          var node = null;
          if (custom && custom.kyra === 'services') {
            node = addItem({ k: 's', c: custom, l: custom.language || lang });
            said.push(custom.text || custom.intro || '');
          } else if (message.text || message.buttons) {
            node = addItem({ k: 'b', t: message.text || '', b: message.buttons || [], l: lang });
            said.push(message.text || '');
          }
          first = first || node;
        });
        reveal(first);
        if (said.length) { announce(status, t('bot') + ' ' + said.join('\n')); }
        save();
      }, function (error) {
        setBusy(false);
        if (sender !== state.sender) { return; }
        var note = refusal(error);
        var retry = function () { request(sender, text, metadata); };
        var again = error.status === 429 || error.status === 503;  // too fast, or the server could not answer
        var node = addItem(note ? { k: 'n', t: note.t, l: note.l, retry: again ? retry : null }
                                : { k: 'n', t: t('error'), retry: retry });
        reveal(node);
        announce(status, note ? note.t : t('error'));
      });
    });
  }

  /* The server's own text for a refused message ({messages: [{text}], language}), or null. */
  function refusal(error) {
    var data = error && error.data;
    if (!data || !Array.isArray(data.messages)) { return null; }
    var texts = data.messages.map(function (m) { return m && typeof m.text === 'string' ? m.text : ''; })
      .filter(function (text) { return text; });
    return texts.length ? { t: texts.join('\n'), l: baseLanguage(data.language) } : null;
  }

  function forget(sender) {
    fetchJson(FORGET, { sender: sender }).then(function (data) {
      if (!data || data.erased !== true) { throw new Error('not erased'); }
      addItem({ k: 'n', t: t('deleted') });
      announce(status, t('deleted'));
    }).catch(function () {
      addItem({ k: 'n', t: t('delete_failed'), retry: function () { forget(sender); } });
      announce(status, t('delete_failed'));
    });
  }

  /* ---------- privacy: storage only on opt-in, wipe ---------- */

  function save() {
    if (!state.keep) { return; }
    var kept = state.items.filter(function (item) { return item.k !== 'n'; });
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify({ v: 1, sender: state.sender, started: state.started,
        lang: state.lang, explainerSeen: state.explainerSeen, items: kept }));
    } catch (e) {  // storage blocked (e.g. third-party storage off) or full: say it is not kept
      state.keep = false;
      keepBox.checked = false;
      tell({ type: 'keep', on: false });
    }
  }

  function unsave() {
    try { sessionStorage.removeItem(STORE_KEY); } catch (e) { /* blocked: nothing was stored */ }
  }

  function restore() {
    var raw = null;
    try { raw = sessionStorage.getItem(STORE_KEY); } catch (e) { return false; }
    if (!raw) { return false; }
    try {
      var data = JSON.parse(raw);
      if (data.v !== 1 || !/^[0-9a-f]{32}$/.test(data.sender) || !Array.isArray(data.items)) { throw new Error('bad'); }
      state = { sender: data.sender, started: !!data.started, lang: String(data.lang || ''), explicit: null,
                items: data.items.filter(function (item) { return item && /^[wubs]$/.test(item.k); }),
                explainerSeen: !!data.explainerSeen, keep: true };
      keepBox.checked = true;
      return true;
    } catch (e) {
      unsave();
      return false;
    }
  }

  function wipe() {
    var kept = state.keep;
    state = fresh(state.lang);
    state.explainerSeen = true;
    log.textContent = '';
    keepBox.checked = false;
    unsave();
    if (kept) { tell({ type: 'keep', on: false }); }
  }

  function endChat() {
    var sender = state.sender;
    var started = state.started;
    wipe();
    addItem({ k: 'w' });
    if (started) {
      forget(sender);
    } else {
      addItem({ k: 'n', t: t('deleted') });
      announce(status, t('deleted'));
    }
    input.value = '';
    input.focus();
  }

  function quickExit() {
    if (exiting) { return; }
    exiting = true;
    root.classList.add('gone');
    wipe();
    if (embedded && hostPresent) {
      tell({ type: 'exit' });
      return;
    }
    try {
      (embedded ? window.top : window).location.replace(exitUrl);
    } catch (e) {
      location.replace(exitUrl);
    }
  }

  /* ---------- panel ---------- */

  // The launcher bar is measured at its natural size, never against the iframe's (which follows it, so the
  // two would shrink each other); when it is wider than the host window, its buttons stack.
  var hostWidth = 0;

  function fitBar(width) {
    width = Math.floor(+width || 0);
    if (width > 0) { hostWidth = width; }
    reportSize();
  }

  function reportSize() {
    if (!embedded || bar.hidden) { return; }
    bar.classList.remove('stack');
    var natural = bar.getBoundingClientRect().width;
    bar.classList.toggle('stack', hostWidth > 0 && natural > hostWidth);
    var box = bar.getBoundingClientRect();
    tell({ type: 'size', w: Math.ceil(box.width), h: Math.ceil(box.height) });
  }

  function openPanel() {
    panel.hidden = false;
    bar.hidden = true;
    launch.setAttribute('aria-expanded', 'true');
    tell({ type: 'open' });
    if (!state.explainerSeen) {
      explainer.hidden = false;
      panel.setAttribute('aria-describedby', 'explainer-text');
    }
    if (!state.items.length) { addItem({ k: 'w' }); }
    log.scrollTop = log.scrollHeight;
    input.focus();
  }

  function closePanel(focus) {
    if (!embedded) { return; }
    panel.hidden = true;
    bar.hidden = false;
    launch.setAttribute('aria-expanded', 'false');
    tell({ type: 'close' });
    reportSize();
    if (focus) { launch.focus(); }
  }

  function dismissExplainer() {
    explainer.hidden = true;
    state.explainerSeen = true;
    panel.removeAttribute('aria-describedby');
    save();
    input.focus();
  }

  function copy(value, button) {
    function done() {
      button.textContent = t('copied');
      announce(status, t('copied'));
      setTimeout(function () { button.textContent = t('copy'); }, 2000);
    }
    function fallback() {
      var area = el('textarea', 'vh');
      area.value = value;
      area.setAttribute('readonly', '');
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      button.focus();
      if (ok) { done(); }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(value).then(done, fallback);
    } else {
      fallback();
    }
  }

  /* ---------- events ---------- */

  function bind() {
    launch.addEventListener('click', openPanel);
    closeButton.addEventListener('click', function () { closePanel(true); });
    $('dismiss').addEventListener('click', dismissExplainer);
    $('delete').addEventListener('click', endChat);
    Array.prototype.forEach.call(document.querySelectorAll('[data-exit]'), function (button) {
      button.addEventListener('click', quickExit);
    });
    picker.addEventListener('change', function () {
      var code = picker.value;
      setLanguage(code);
      state.explicit = code;  // sent as metadata.language with the next message
      if (state.started) {  // mid-conversation: tell the bot now, as its own language menu would
        send('/choose_language{"language_choice":"' + code + '"}', picker.options[picker.selectedIndex].text);
      }
      save();
    });
    keepBox.addEventListener('change', function () {
      state.keep = keepBox.checked;
      if (state.keep) { save(); } else { unsave(); }
      tell({ type: 'keep', on: state.keep });
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = input.value;
      if (!text.trim()) { return; }
      input.value = '';
      send(text);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }));
      }
    });
    log.addEventListener('click', function (event) {
      var target = event.target.closest ? event.target.closest('button') : null;
      if (!target) { return; }
      if (target.hasAttribute('data-payload')) {
        send(target.getAttribute('data-payload'), target.textContent);
      } else if (target.hasAttribute('data-copy')) {
        copy(target.getAttribute('data-copy'), target);
      }
    });
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && embedded) {
        event.preventDefault();
        closePanel(true);
      }
    });

    var presses = 0;
    var first = 0;
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Shift') { presses = 0; return; }
      if (event.repeat) { return; }
      var now = Date.now();
      if (!presses || now - first > SHIFT_WINDOW_MS) { presses = 0; first = now; }
      presses += 1;
      if (presses >= SHIFT_PRESSES) {
        quickExit();
      } else if (presses === SHIFT_PRESSES - 1) {
        announce(shiftStatus, t('shift_1'));
        setTimeout(function () { shiftStatus.textContent = ''; }, SHIFT_WINDOW_MS);
      }
    }, true);

    window.addEventListener('message', function (event) {
      var message = event.data;
      if (!embedded || event.source !== window.parent) { return; }
      if (hostOrigin !== '*' && event.origin !== hostOrigin) { return; }
      if (!message || typeof message !== 'object' || message.kyra !== 1) { return; }
      if (message.type === 'host' || message.type === 'viewport') {
        hostPresent = true;
        fitBar(message.w);
        if (message.type === 'host' && state.keep) { tell({ type: 'keep', on: true }); }
      } else if (message.type === 'wipe') {
        root.classList.add('gone');
        wipe();
        tell({ type: 'wiped' });
      }
    });

    // Leaving the page (also into the back/forward cache): without "Keep this chat", nothing survives.
    window.addEventListener('pagehide', function () {
      if (!state.keep) {
        state = fresh(state.lang);
        log.textContent = '';
        explainer.hidden = true;
      }
      if (embedded && !panel.hidden) { closePanel(false); }
    });

  }

  function start() {
    Promise.all([fetchJson('i18n.json'), fetchJson('config.json')]).then(function (loaded) {
      i18n = loaded[0];
      config = loaded[1];
    }, function () { /* no texts: the English ones in chat.html stay */ }).then(function () {
      buildPicker();
      buildPattern();
      var restored = restore();
      var lang = restored ? state.lang : (baseLanguage(hint) || config.default_language);
      state.lang = '';
      setLanguage(lang);
      renderAll();
      bind();
      if (embedded) {
        bar.hidden = false;
        tell({ type: 'hello' });
        reportSize();
      } else {
        root.classList.add('standalone');
        closeButton.hidden = true;
        openPanel();
      }
    });
  }

  start();
}());
