/*! KYRA web widget loader, v1. Embed with one <script> tag (docs/widget.md); it adds the chat in an iframe.
 * No cookies, no storage, no third-party requests, no inline code or style: works under a strict CSP
 * (script-src and frame-src for the KYRA server). Quick exit: Shift pressed 3 times, or the chat's button. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__kyraWidget) { return; }
  window.__kyraWidget = true;

  var data = script.dataset;
  var DEFAULT_EXIT = 'https://www.bbc.co.uk/weather';
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;

  function httpUrl(value, base) {
    try {
      var url = new URL(value, base);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  var server = data.server ? httpUrl(data.server.replace(/\/*$/, '/'), document.baseURI) : null;
  var chatUrl = server ? new URL('widget/v1/chat.html', server).href : new URL('chat.html', script.src).href;
  var chatOrigin = new URL(chatUrl).origin;
  var exitUrl = httpUrl(data.exitUrl || '', document.baseURI) || DEFAULT_EXIT;
  var params = new URLSearchParams();
  params.set('h', (data.language || document.documentElement.lang || '').slice(0, 35));
  params.set('p', (data.profile || '').slice(0, 40));
  params.set('x', exitUrl);
  params.set('o', location.origin);

  var frame = document.createElement('iframe');
  var open = false;
  var keep = false;
  var gone = false;
  var size = { w: 0, h: 0 };
  var wide = window.matchMedia('(min-width: 481px) and (min-height: 501px)');
  var dvh = window.CSS && CSS.supports && CSS.supports('height', '100dvh') ? 'dvh' : 'vh';

  frame.src = chatUrl + '#' + params.toString();
  frame.title = 'KYRA';
  frame.referrerPolicy = 'no-referrer';
  frame.allow = 'clipboard-write';
  var style = frame.style;
  style.setProperty('position', 'fixed', 'important');
  style.setProperty('z-index', '2147483000', 'important');
  style.setProperty('border', '0', 'important');
  style.setProperty('margin', '0', 'important');
  style.setProperty('padding', '0', 'important');
  style.setProperty('background', 'transparent', 'important');
  style.setProperty('color-scheme', 'normal');
  style.setProperty('max-width', '100vw');
  style.setProperty('max-height', '100' + dvh);
  style.setProperty('visibility', 'hidden');  // until the chat says how big its launcher is
  style.setProperty('width', 'min(480px, 100vw)');
  style.setProperty('height', '120px');
  style.setProperty('bottom', '0');
  style.setProperty('inset-inline-end', '0');

  function layout() {
    if (open) {
      var margin = wide.matches ? '16px' : '0';
      style.setProperty('bottom', margin);
      style.setProperty('inset-inline-end', margin);
      style.setProperty('width', wide.matches ? 'min(400px, calc(100vw - 32px))' : '100vw');
      style.setProperty('height', wide.matches ? 'min(640px, calc(100' + dvh + ' - 32px))' : '100' + dvh);
      style.setProperty('border-radius', wide.matches ? '12px' : '0');
      style.setProperty('box-shadow', wide.matches ? '0 4px 24px rgba(0, 0, 0, 0.3)' : 'none');
    } else {
      style.setProperty('bottom', '0');
      style.setProperty('inset-inline-end', '0');
      style.setProperty('width', Math.min(size.w, window.innerWidth) + 'px');
      style.setProperty('height', size.h + 'px');
      style.setProperty('border-radius', '0');
      style.setProperty('box-shadow', 'none');
    }
  }

  function post(message) {
    if (frame.contentWindow) {
      message.kyra = 1;
      frame.contentWindow.postMessage(message, chatOrigin);
    }
  }

  // Quick exit: hide everything now, then replace this page in history with the neutral one.
  function leave() {
    window.location.replace(exitUrl);
  }

  function quickExit(fromChat) {
    if (gone) { return; }
    gone = true;
    document.documentElement.style.setProperty('display', 'none', 'important');
    if (fromChat || !keep) {  // the chat wipes itself before asking; nothing kept means nothing to wipe
      leave();
      return;
    }
    post({ type: 'wipe' });  // the chat kept in sessionStorage: let it delete that first (briefly)
    setTimeout(leave, 300);
  }

  window.addEventListener('message', function (event) {
    var message = event.data;
    if (event.source !== frame.contentWindow || event.origin !== chatOrigin) { return; }
    if (!message || typeof message !== 'object' || message.kyra !== 1) { return; }
    switch (message.type) {
      case 'hello':
        post({ type: 'host', w: window.innerWidth });
        break;
      case 'size':
        size = { w: Math.max(0, Math.ceil(+message.w || 0)), h: Math.max(0, Math.ceil(+message.h || 0)) };
        style.setProperty('visibility', 'visible');
        layout();
        break;
      case 'open':
        open = true;
        layout();
        break;
      case 'close':
        open = false;
        layout();
        break;
      case 'title':
        frame.title = String(message.title || 'KYRA').slice(0, 80);
        break;
      case 'keep':
        keep = !!message.on;
        break;
      case 'wiped':
        if (gone) { leave(); }
        break;
      case 'exit':
        quickExit(true);
        break;
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
    if (presses >= SHIFT_PRESSES) { quickExit(false); }
  }, true);

  wide.addEventListener('change', layout);
  window.addEventListener('resize', function () {
    post({ type: 'viewport', w: window.innerWidth });
    if (!open) { layout(); }
  });

  function attach() { document.body.appendChild(frame); }
  if (document.body) { attach(); } else { document.addEventListener('DOMContentLoaded', attach); }
}());
