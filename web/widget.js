/*
 * careerbot launcher: one <script src="https://BOT/widget.js" async data-...></script> on a page.
 * Draws a launcher button in its own Shadow DOM and loads the chat panel (widget-panel.js) from the bot's
 * origin the first time it is opened. The only global it defines is window.CareerBot.
 *
 * data-title     panel title                    (default "Career assistant")
 * data-accent    accent colour, any CSS colour  (default #0a3fcc)
 * data-position  left | right                   (default right)
 * data-open      "true" opens the panel on load
 * data-greeting  first bot message, instead of the server's welcome
 * data-bot-url   the bot's origin, when it differs from this script's
 * data-career    the career id of the job on this page: questions that name no career are about it
 * data-location  where the job is, e.g. "Springfield, MA": answers mention what the sources say of it
 */
(function () {
  'use strict';
  if (window.CareerBot && window.CareerBot.loaded) return;

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  // The bot's origin comes from this script's own URL, so the snippet works on any host page.
  var origin = (data.botUrl || (script && script.src ? new URL(script.src, location.href).origin : location.origin))
    .replace(/\/+$/, '');
  var STORE = 'careerbot:v1';

  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }

  var config = {
    origin: origin,
    title: data.title || 'Career assistant',
    accent: data.accent || '',
    position: data.position === 'left' ? 'left' : 'right',
    greeting: data.greeting || '',
    career: (data.career || '').slice(0, 100),
    location: (data.location || '').slice(0, 100),
    store: STORE
  };

  // A custom element name, so host rules aimed at div, button or * { all: unset } never hit the widget's box.
  var host = document.createElement('careerbot-widget');
  var root = host.attachShadow({ mode: 'open' });
  // Sizes live in the stylesheet in px, so the host page's root font size cannot change them.
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = origin + '/widget.css';
  root.appendChild(css);
  if (/^[#\w(),.%\s-]{1,40}$/.test(config.accent)) host.style.setProperty('--cb-accent', config.accent);

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'cb-launcher cb-' + config.position;
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-haspopup', 'dialog');
  // No aria-label: the visible words are the button's name (WCAG 2.5.3), aria-expanded says open or closed.
  var icon = document.createElement('span');
  icon.className = 'cb-launcher-icon';
  icon.setAttribute('aria-hidden', 'true');
  var label = document.createElement('span');
  label.className = 'cb-launcher-label';
  label.textContent = 'Ask about this career';
  launcher.appendChild(icon);
  launcher.appendChild(label);
  root.appendChild(launcher);

  var panel = null;
  var loading = false;
  var pendingOpen = false;

  function open() {
    if (panel) { panel.open(); return; }
    pendingOpen = true;
    if (loading) return;
    loading = true;
    launcher.setAttribute('aria-busy', 'true');
    var s = document.createElement('script');
    s.src = origin + '/widget-panel.js';
    s.async = true;
    s.onerror = function () {
      loading = false;
      launcher.removeAttribute('aria-busy');
      label.textContent = 'Chat unavailable, try again';
    };
    document.head.appendChild(s);
  }

  function toggle() {
    if (panel && panel.isOpen()) panel.close(); else open();
  }

  launcher.addEventListener('click', toggle);

  window.CareerBot = {
    loaded: true,
    version: '1',
    open: open,
    close: function () { if (panel) panel.close(); },
    // Called by widget-panel.js once it has loaded.
    _attach: function (factory) {
      loading = false;
      launcher.removeAttribute('aria-busy');
      panel = factory({ root: root, host: host, launcher: launcher, config: config });
      if (pendingOpen) panel.open();
    }
  };

  function mount() {
    document.body.appendChild(host);
    // Reopen after a reload or a move to another page if the chat was open there.
    if (data.open === 'true' || load().open) open();
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
