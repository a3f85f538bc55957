/*
 * careerbot chat panel, loaded by widget.js the first time the chat is opened. Everything lives in the
 * launcher's Shadow DOM; nothing touches the host page. Text from users and from the server is only ever
 * inserted with textContent: a tiny formatter turns **bold**, "- " lists and http(s) links into DOM nodes.
 */
(function () {
  'use strict';
  var CB = window.CareerBot;
  if (!CB || !CB._attach) return;

  CB._attach(function (ctx) {
    var root = ctx.root;
    var cfg = ctx.config;
    var launcher = ctx.launcher;
    var state = read();
    if (!Array.isArray(state.messages)) state.messages = [];

    function read() {
      try { return JSON.parse(sessionStorage.getItem(cfg.store)) || {}; } catch (e) { return {}; }
    }
    function save() {
      // Keep the last 60 messages: enough to continue, small enough for sessionStorage.
      state.messages = state.messages.slice(-60);
      try { sessionStorage.setItem(cfg.store, JSON.stringify(state)); } catch (e) { /* storage full or off */ }
    }

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text != null) e.textContent = text;
      return e;
    }

    // ---- the panel ----
    var dialog = el('section', 'cb-panel cb-' + cfg.position);
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'false');
    dialog.setAttribute('aria-labelledby', 'cb-title');
    dialog.hidden = true;

    var header = el('header', 'cb-header');
    var title = el('h2', 'cb-title', cfg.title);
    title.id = 'cb-title';
    var closeBtn = el('button', 'cb-close');
    closeBtn.type = 'button';
    closeBtn.setAttribute('aria-label', 'Close chat');
    closeBtn.appendChild(el('span', null, '\u00d7')).setAttribute('aria-hidden', 'true');
    header.appendChild(title);
    header.appendChild(closeBtn);

    var status = el('p', 'cb-status');
    status.setAttribute('role', 'status');
    status.hidden = true;

    var log = el('div', 'cb-log');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-label', 'Conversation');
    log.tabIndex = 0;
    // The log itself is not live: only the newest bot message is announced, through this region.
    log.setAttribute('aria-live', 'off');
    var live = el('div', 'cb-sr');
    live.setAttribute('aria-live', 'polite');

    var typing = el('div', 'cb-typing');
    typing.hidden = true;
    typing.appendChild(el('span', 'cb-dot')).setAttribute('aria-hidden', 'true');
    typing.appendChild(el('span', 'cb-dot')).setAttribute('aria-hidden', 'true');
    typing.appendChild(el('span', 'cb-dot')).setAttribute('aria-hidden', 'true');
    typing.appendChild(el('span', 'cb-sr', 'The assistant is typing'));

    var chips = el('div', 'cb-chips');
    chips.setAttribute('role', 'group');
    chips.setAttribute('aria-label', 'Suggested questions');

    var form = el('form', 'cb-form');
    var input = el('input', 'cb-input');
    input.type = 'text';
    input.id = 'cb-input';
    input.maxLength = 1000;
    input.autocomplete = 'off';
    input.setAttribute('aria-label', 'Your question');
    input.placeholder = 'Ask about pay, training, duties...';
    var send = el('button', 'cb-send', 'Send');
    send.type = 'submit';
    form.appendChild(input);
    form.appendChild(send);

    dialog.appendChild(header);
    dialog.appendChild(status);
    dialog.appendChild(log);
    dialog.appendChild(typing);
    dialog.appendChild(chips);
    dialog.appendChild(form);
    dialog.appendChild(live);
    root.appendChild(dialog);

    // ---- rendering ----
    var INLINE = /\*\*([^*\n]{1,300})\*\*|(https?:\/\/[^\s<>"')\]]{1,500})/g;

    function inline(text, parent) {
      var last = 0;
      var m;
      INLINE.lastIndex = 0;
      while ((m = INLINE.exec(text)) !== null) {
        if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
        if (m[1] != null) {
          parent.appendChild(el('strong', null, m[1]));
        } else {
          var a = el('a', null, m[2]);
          a.href = m[2];
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          parent.appendChild(a);
        }
        last = INLINE.lastIndex;
      }
      if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    }

    /** Bold, "- " bullet lists and links; everything else stays plain text. */
    function format(text, parent) {
      var lines = String(text).split('\n');
      var list = null;
      var para = null;
      for (var i = 0; i < lines.length; i++) {
        var line = lines[i];
        var bullet = /^\s*[-*\u2022] (.*)$/.exec(line);
        if (bullet) {
          if (!list) { list = el('ul'); parent.appendChild(list); }
          var li = el('li');
          inline(bullet[1], li);
          list.appendChild(li);
          para = null;
        } else if (/^\s*$/.test(line)) {
          list = null;
          para = null;
        } else if (list && /^\s{2,}\S/.test(line)) {
          list.lastChild.appendChild(document.createTextNode(' '));
          inline(line.trim(), list.lastChild);
        } else {
          list = null;
          if (para) para.appendChild(el('br')); else { para = el('p'); parent.appendChild(para); }
          inline(line, para);
        }
      }
    }

    function renderTable(t, parent) {
      if (!t || !Array.isArray(t.columns) || !Array.isArray(t.rows)) return;
      var wrap = el('div', 'cb-table-wrap');
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', t.caption || 'Comparison table');
      var table = el('table', 'cb-table');
      if (t.caption) table.appendChild(el('caption', null, t.caption));
      var head = el('thead');
      var hr = el('tr');
      t.columns.forEach(function (c, i) {
        var th = el('th', null, i === 0 && !c ? 'Measure' : c);
        th.scope = 'col';
        hr.appendChild(th);
      });
      head.appendChild(hr);
      table.appendChild(head);
      var body = el('tbody');
      t.rows.forEach(function (row) {
        var tr = el('tr');
        row.forEach(function (cell, i) {
          var c = el(i === 0 ? 'th' : 'td', null, cell);
          if (i === 0) c.scope = 'row';
          tr.appendChild(c);
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      wrap.appendChild(table);
      parent.appendChild(wrap);
    }

    function render(m) {
      var box = el('div', 'cb-msg cb-' + m.role);
      if (m.role === 'user') {
        box.appendChild(el('span', 'cb-sr', 'You said: '));
        box.appendChild(el('p', null, m.text));
      } else {
        box.appendChild(el('span', 'cb-sr', m.role === 'error' ? 'Error: ' : 'Assistant: '));
        format(m.text, box);
        if (m.table) renderTable(m.table, box);
        if (m.sources && m.sources.length) {
          var src = el('p', 'cb-sources');
          src.appendChild(el('span', 'cb-sources-label', 'Sources: '));
          src.appendChild(document.createTextNode(m.sources.map(function (s) { return s.title; }).join('; ')));
          box.appendChild(src);
        }
        if (m.answerId) box.appendChild(voteControl(m));
      }
      log.appendChild(box);
      log.scrollTop = log.scrollHeight;
      return box;
    }

    // ---- was this answer helpful? one vote per answer, an optional comment after "not helpful" ----
    function voteControl(m) {
      var group = el('div', 'cb-vote');
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', 'Was this answer helpful?');
      if (m.vote) {
        group.appendChild(el('p', 'cb-vote-done', 'Thanks for your feedback.'));
        return group;
      }
      group.appendChild(el('span', 'cb-vote-label', 'Helpful?'));
      var yes = el('button', 'cb-vote-btn', 'Yes');
      var no = el('button', 'cb-vote-btn', 'No');
      yes.type = no.type = 'button';
      yes.setAttribute('aria-label', 'Yes, helpful');
      no.setAttribute('aria-label', 'No, not helpful');
      group.appendChild(yes);
      group.appendChild(no);
      function done() {
        while (group.firstChild) group.removeChild(group.firstChild);
        group.appendChild(el('p', 'cb-vote-done', 'Thanks for your feedback.'));
        live.textContent = 'Thanks for your feedback.';
      }
      yes.addEventListener('click', function () {
        vote(m, true, null);
        done();
      });
      no.addEventListener('click', function () {
        yes.disabled = no.disabled = true;
        no.setAttribute('aria-pressed', 'true');
        var form = el('form', 'cb-vote-form');
        var id = 'cb-comment-' + m.answerId;
        var label = el('label', 'cb-vote-label', 'What was missing? (optional)');
        label.setAttribute('for', id);
        var box = el('input', 'cb-vote-input');
        box.id = id;
        box.type = 'text';
        box.maxLength = 500;
        box.autocomplete = 'off';
        var send = el('button', 'cb-vote-btn', 'Send');
        send.type = 'submit';
        form.appendChild(label);
        form.appendChild(box);
        form.appendChild(send);
        form.addEventListener('submit', function (e) {
          e.preventDefault();
          vote(m, false, box.value.trim() || null);
          done();
          input.focus();
        });
        group.appendChild(form);
        box.focus();
      });
      return group;
    }

    function vote(m, helpful, comment) {
      m.vote = helpful ? 'yes' : 'no';
      save();
      var body = { answerId: m.answerId, helpful: helpful };
      if (comment) body.comment = comment;
      if (ws && ws.readyState === 1) {
        body.type = 'feedback';
        ws.send(JSON.stringify(body));
        return;
      }
      body.sessionId = m.sessionId || state.sessionId;
      fetch(cfg.origin + '/api/feedback', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      }).catch(function () { /* a lost vote is not worth an error message */ });
    }

    function showChips(list) {
      while (chips.firstChild) chips.removeChild(chips.firstChild);
      (list || []).slice(0, 4).forEach(function (q) {
        var b = el('button', 'cb-chip', q);
        b.type = 'button';
        b.addEventListener('click', function () { ask(q); });
        chips.appendChild(b);
      });
      chips.hidden = !chips.firstChild;
    }

    function setStatus(text, isError) {
      status.textContent = text || '';
      status.hidden = !text;
      status.className = 'cb-status' + (isError ? ' cb-status-error' : '');
    }

    function addBot(m, announce) {
      var msg = { role: m.role || 'bot', text: m.text || '', sources: m.sources || [], table: m.table || null,
        answerId: m.answerId || null, sessionId: m.sessionId || null };
      state.messages.push(msg);
      render(msg);
      if (m.suggestions) { state.suggestions = m.suggestions; showChips(m.suggestions); }
      // The conversation's context token: sent back with every question, so a reconnect to another
      // server instance carries on where this one left off.
      if (m.context) state.context = m.context;
      save();
      // The chips row may have changed the transcript's height: keep the newest message in view.
      log.scrollTop = log.scrollHeight;
      if (announce) live.textContent = (msg.role === 'error' ? 'Error: ' : '') + msg.text.replace(/\*\*/g, '');
    }

    // ---- talking to the bot ----
    // The page's career and place travel with the socket (for the welcome) and with every question.
    var page = {};
    if (cfg.career) page.career = cfg.career;
    if (cfg.location) page.location = cfg.location;
    var query = Object.keys(page).map(function (k) { return k + '=' + encodeURIComponent(page[k]); }).join('&');
    var wsUrl = cfg.origin.replace(/^http/, 'ws') + '/ws/chat' + (query ? '?' + query : '');
    var ws = null;
    var mode = 'WebSocket' in window ? 'ws' : 'http';
    var attempts = 0;
    var everOpened = false;
    var stopped = false;
    var outbox = [];
    var waiting = 0;
    var timer = null;

    function busy(delta) {
      waiting = Math.max(0, waiting + delta);
      typing.hidden = waiting === 0;
    }

    function connect() {
      timer = null;
      if (mode !== 'ws' || stopped) return;
      try {
        ws = new WebSocket(wsUrl);
      } catch (e) {
        mode = 'http';
        drainToHttp();
        return;
      }
      ws.onopen = function () {
        // Keep-alive: the server closes connections with no traffic, and so do proxies.
        var socket = ws;
        var keepAlive = setInterval(function () {
          if (socket.readyState === 1) socket.send('{"type":"ping"}'); else clearInterval(keepAlive);
        }, 45000);
        attempts = 0;
        everOpened = true;
        setStatus('');
        while (outbox.length && ws && ws.readyState === 1) ws.send(outbox.shift());
      };
      ws.onmessage = function (ev) {
        var m;
        try { m = JSON.parse(ev.data); } catch (e) { return; }
        if (m.type === 'pong' || m.type === 'recorded') return;
        if (m.type === 'welcome') {
          if (!state.messages.length) addBot({ text: cfg.greeting || m.text, suggestions: m.suggestions }, true);
        } else if (m.type === 'answer') {
          busy(-1);
          addBot(m, true);
        } else if (m.type === 'error') {
          if (m.replyTo) busy(-1);
          addBot({ role: 'error', text: m.message || 'Something went wrong.' }, true);
        }
      };
      ws.onclose = function (ev) {
        ws = null;
        if (ev.code === 1008) {
          // A policy close means the server does not want this client back: do not retry.
          stopped = true;
          busy(-waiting);
          setStatus('The chat was closed by the server.', true);
          return;
        }
        if (!everOpened && attempts >= 2) {
          // WebSockets never got through (a proxy or firewall): use plain HTTP from now on.
          mode = 'http';
          setStatus('');
          drainToHttp();
          return;
        }
        attempts++;
        var delay = Math.min(15000, 500 * Math.pow(2, attempts - 1));
        delay = delay / 2 + Math.random() * delay / 2;
        setStatus(everOpened ? 'Connection lost. Reconnecting\u2026' : 'Connecting\u2026');
        timer = setTimeout(connect, delay);
      };
    }

    function drainToHttp() {
      var pending = outbox.splice(0);
      pending.forEach(function (frame) { askHttp(JSON.parse(frame).text); });
    }

    function askHttp(text) {
      fetch(cfg.origin + '/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: text, sessionId: state.sessionId || undefined, context: state.context || undefined,
          career: page.career, location: page.location })
      }).then(function (r) {
        return r.json().then(function (b) { return { ok: r.ok, body: b }; });
      }).then(function (x) {
        busy(-1);
        if (x.ok) {
          state.sessionId = x.body.sessionId;
          addBot(x.body, true);
        } else {
          addBot({ role: 'error', text: (x.body.error && x.body.error.message) || 'The question could not be answered.' }, true);
        }
      }).catch(function () {
        busy(-1);
        addBot({ role: 'error', text: 'The chat could not reach the server. Check your connection and try again.' }, true);
      });
    }

    var seq = 0;
    function ask(text) {
      text = String(text).trim();
      if (!text) return;
      var msg = { role: 'user', text: text };
      state.messages.push(msg);
      render(msg);
      save();
      showChips([]);
      busy(1);
      if (mode === 'http') { askHttp(text); return; }
      if (stopped) {
        busy(-1);
        addBot({ role: 'error', text: 'The chat is closed. Reload the page to start again.' }, true);
        return;
      }
      var frame = JSON.stringify({ type: 'ask', text: text, id: 'q' + (++seq), context: state.context || undefined,
        career: page.career, location: page.location });
      if (ws && ws.readyState === 1) ws.send(frame); else outbox.push(frame);
      if (!ws && !timer) connect();
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = input.value;
      input.value = '';
      ask(text);
    });

    // ---- open, close, keyboard ----
    function open() {
      dialog.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      state.open = true;
      save();
      if (mode === 'ws' && !ws && !timer && !stopped) connect();
      log.scrollTop = log.scrollHeight;
      input.focus();
    }

    function close() {
      dialog.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      state.open = false;
      save();
      launcher.focus();
    }

    closeBtn.addEventListener('click', close);
    dialog.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.stopPropagation(); close(); }
    });

    // Restore the conversation kept for this tab (a reload or another page of the same site).
    state.messages.forEach(render);
    showChips(state.suggestions);

    return { open: open, close: close, isOpen: function () { return !dialog.hidden; } };
  });
})();
