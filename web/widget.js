// 还款助手 chat widget: plain DOM, socket.io to the assistant. Bot text is Markdown reduced to links,
// bold and lists (markdown-it without HTML, then DOMPurify); everything else stays text. Documents
// the assistant issues come as download buttons. Labels follow the conversation's script.
// HuankuanChat.mount({server, token}) — token is the host app's signed identity, or null.
(function () {
  "use strict";
  var STORE = window.sessionStorage;

  var LABELS = {
    simplified: {
      name: "还款助手", panel: "还款助手在线咨询", close: "关闭对话窗口", placeholder: "请输入您的问题",
      input: "输入消息", send: "发送", typing: "还款助手正在输入…", offline: "暂时连接不上，请稍后再试或拨打客服电话。",
      download: "下载《{title}》PDF", docNote: "凭证编号 {ref} · {minutes}分钟内有效，只能下载一次",
      downloaded: "已下载（凭证编号 {ref}）", downloadFailed: "下载失败，请稍后再试或说“对账单”重新获取。"
    },
    traditional: {
      name: "還款助手", panel: "還款助手線上諮詢", close: "關閉對話視窗", placeholder: "請輸入您的問題",
      input: "輸入訊息", send: "發送", typing: "還款助手正在輸入…", offline: "暫時連接不上，請稍後再試或撥打客服電話。",
      download: "下載《{title}》PDF", docNote: "憑證編號 {ref} · {minutes}分鐘內有效，只能下載一次",
      downloaded: "已下載（憑證編號 {ref}）", downloadFailed: "下載失敗，請稍後再試或說「對賬單」重新獲取。"
    }
  };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key] === undefined ? "" : String(values[key]); });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Bot text → a fragment: links (http/https only, opening in a new tab without opener), bold and
  // lists; no HTML of the text's own, nothing else. Without the two libraries: plain text.
  var markdown = null;
  function richText(text) {
    var fragment = document.createDocumentFragment();
    if (!window.markdownit || !window.DOMPurify) {
      fragment.appendChild(document.createTextNode(text));
      return fragment;
    }
    if (!markdown) {
      markdown = window.markdownit("zero", { html: false, linkify: true, breaks: true })
        .enable(["list", "link", "autolink", "linkify", "emphasis", "newline", "escape"]);
      markdown.validateLink = function (url) { return /^https?:\/\//i.test(url); };
    }
    // A masked phone (138****8001) is not emphasis, and a line starting "+ " is a sum, not a bullet.
    var source = text.replace(/\*{3,}/g, function (stars) { return stars.replace(/\*/g, "\\*"); })
      .replace(/^(\s*)\+(?=\s)/gm, "$1\\+");
    var clean = window.DOMPurify.sanitize(markdown.render(source), {
      ALLOWED_TAGS: ["a", "strong", "em", "ul", "ol", "li", "p", "br"],
      ALLOWED_ATTR: ["href"],
      ALLOWED_URI_REGEXP: /^https?:\/\//i,
      RETURN_DOM_FRAGMENT: true
    });
    Array.prototype.forEach.call(clean.querySelectorAll("a"), function (a) {
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer nofollow");
    });
    return clean;
  }

  function mount(options) {
    var identity = options.token ? "user" : "anon";
    var transcriptKey = "hk-transcript-" + identity;
    var transcript = JSON.parse(STORE.getItem(transcriptKey) || "[]");
    var script = STORE.getItem("hk-script") === "traditional" ? "traditional" : "simplified";
    var labels = LABELS[script];

    var launcher = el("button", "hk-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "hk-panel");
    launcher.setAttribute("aria-haspopup", "dialog");

    // A non-modal dialog: labelled by its title, focus kept inside while open and given back to
    // the launcher when it closes.
    var panel = el("section", "hk-panel");
    panel.id = "hk-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "hk-title");
    var header = el("div", "hk-header");
    var title = el("h2");
    title.id = "hk-title";
    header.appendChild(title);
    var close = el("button", "", "×");
    close.type = "button";
    header.appendChild(close);
    var log = el("div", "hk-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    log.tabIndex = 0;  // scrollable by keyboard
    var typing = el("div", "hk-typing");
    typing.setAttribute("role", "status");
    var form = el("form", "hk-form");
    var input = el("input");
    input.type = "text";
    input.maxLength = 500;
    input.setAttribute("autocomplete", "off");
    var send = el("button");
    send.type = "submit";
    form.appendChild(input);
    form.appendChild(send);
    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(form);
    document.body.appendChild(launcher);
    document.body.appendChild(panel);

    function applyLabels() {
      launcher.textContent = labels.name;
      title.textContent = labels.name;
      panel.setAttribute("aria-label", labels.panel);
      close.setAttribute("aria-label", labels.close);
      input.placeholder = labels.placeholder;
      input.setAttribute("aria-label", labels.input);
      send.textContent = labels.send;
      document.documentElement.lang = script === "traditional" ? "zh-Hant" : "zh-CN";
    }
    applyLabels();

    function save() { STORE.setItem(transcriptKey, JSON.stringify(transcript.slice(-200))); }

    var rows = [];  // button groups shown so far: only the newest unanswered one can be pressed

    function clock(at) {
      var d = at ? new Date(at) : null;
      if (!d || isNaN(d.getTime())) return "";
      return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
    }

    function retireButtons() {
      rows.forEach(function (row) {
        Array.prototype.forEach.call(row.querySelectorAll("button"), function (b) {
          b.disabled = true;
          b.setAttribute("aria-disabled", "true");
        });
      });
    }

    var DOCUMENT_PATH = /^\/webhooks\/documents\/download\/[A-Za-z0-9_-]{20,64}$/;

    // A document the assistant issued: a button that downloads it with the borrower's login (a
    // link issued to a logged-in borrower works only with it), once.
    function documentCard(doc) {
      var card = el("div", "hk-doc");
      var button = el("button", "", fill(labels.download, { title: doc.title }));
      button.type = "button";
      var note = el("div", "hk-doc-note", fill(labels.docNote, { ref: doc.reference, minutes: doc.expires_in_minutes }));
      button.addEventListener("click", function () {
        if (button.disabled || !DOCUMENT_PATH.test(doc.path)) return;
        button.disabled = true;
        var headers = options.token ? { Authorization: "Bearer " + options.token } : {};
        fetch((options.server || "") + doc.path, { headers: headers, credentials: "omit", cache: "no-store" })
          .then(function (response) {
            if (!response.ok) return response.text().then(function (why) { throw new Error(why); });
            return response.blob();
          })
          .then(function (blob) {
            var link = document.createElement("a");
            link.href = URL.createObjectURL(blob);
            link.download = doc.title + "-" + doc.reference + ".pdf";
            document.body.appendChild(link);
            link.click();
            setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
            note.textContent = fill(labels.downloaded, { ref: doc.reference });
          })
          .catch(function (error) { note.textContent = error.message || labels.downloadFailed; });
      });
      card.appendChild(button);
      card.appendChild(note);
      return card;
    }

    function render(entry) {
      if (entry.document) log.appendChild(documentCard(entry.document));
      if (entry.text) {
        var bubble = el("div", "hk-msg " + (entry.from === "bot" ? "hk-bot" : "hk-user"));
        if (entry.from === "bot") bubble.appendChild(richText(entry.text));
        else bubble.textContent = entry.text;  // what the borrower typed is never parsed
        var time = clock(entry.at);
        if (time) {
          var stamp = el("time", "hk-time", time);
          stamp.setAttribute("datetime", entry.at);
          bubble.appendChild(stamp);
        }
        log.appendChild(bubble);
      }
      if (entry.from === "user") retireButtons();  // a later message answers (or skips) the old choices
      if (entry.buttons && entry.buttons.length && entry.from === "bot") {
        var row = el("div", "hk-buttons");
        row.setAttribute("role", "group");
        entry.buttons.forEach(function (b) {
          var button = el("button", "", b.title);
          button.type = "button";
          button.addEventListener("click", function () {
            if (button.disabled) return;
            retireButtons();
            say(b.payload, b.title);
          });
          row.appendChild(button);
        });
        rows.push(row);
        log.appendChild(row);
      }
      log.scrollTop = log.scrollHeight;
    }

    function add(entry) { entry.at = new Date().toISOString(); transcript.push(entry); save(); render(entry); }

    transcript.forEach(render);
    if (transcript.length && !(transcript[transcript.length - 1].buttons || []).length) retireButtons();
    else if (rows.length > 1) rows.slice(0, -1).forEach(function (row) {
      Array.prototype.forEach.call(row.querySelectorAll("button"), function (b) { b.disabled = true; b.setAttribute("aria-disabled", "true"); });
    });

    // What the server has answered since the borrower's last message it received: the replay on
    // reconnect sends what this browser has not shown yet, once.
    function lastUser() {
      for (var i = transcript.length - 1; i >= 0; i--) if (transcript[i].from === "user") return transcript[i];
      return null;
    }
    function shownSince(user) {
      var start = user ? transcript.indexOf(user) + 1 : 0;
      return transcript.slice(start).filter(function (e) { return e.from === "bot"; }).length;
    }

    function botEntry(message) {
      var doc = message && message.custom && message.custom.document;
      if (doc && typeof doc.path === "string" && typeof doc.title === "string") {
        return { from: "bot", document: { title: doc.title, reference: String(doc.reference || ""), path: doc.path,
                                          expires_in_minutes: Number(doc.expires_in_minutes) || 10 } };
      }
      if (!message || typeof message.text !== "string") return null;  // text, buttons and documents only
      var buttons = (message.quick_replies || message.buttons || []).map(function (b) { return { title: b.title, payload: b.payload }; });
      return { from: "bot", text: message.text, buttons: buttons };
    }

    // Answers that come while the replay is awaited wait for it: the replay holds every answer to
    // the borrower's last message from the server's record, in order, and one of them may already
    // have come live on the new socket (a reload mid-answer: the last of three came live, the first
    // two only in the replay). Live answers the replay holds are shown once, in the replay's order;
    // the rest (a later turn's) after it.
    var awaiting = null;
    var awaitTimer = null;
    function awaitReplay() {
      if (awaiting) return;
      awaiting = [];
      awaitTimer = setTimeout(function () { settleReplay([]); }, 15000);  // a server that never answers
    }
    function said(entry) { return entry.document ? "document:" + entry.document.path : "text:" + entry.text; }
    function settleReplay(replayed) {
      var live = awaiting || [];
      awaiting = null;
      clearTimeout(awaitTimer);
      var used = 0;
      var later = live.filter(function (entry) {
        for (var i = used; i < replayed.length; i++) {
          if (replayed[i] && said(replayed[i]) === said(entry)) { used = i + 1; return false; }
        }
        return true;
      });
      replayed.concat(later).forEach(function (entry) { if (entry) add(entry); });
    }
    var pending = lastUser();
    if (pending && pending.serverAt) awaitReplay();

    var auth = options.token ? { token: options.token } : { session: STORE.getItem("hk-session") || "" };
    var socket = io(options.server, { path: "/socket.io", transports: ["websocket", "polling"], auth: auth });
    socket.on("session_confirm", function (data) {
      if (data && data.session_token) STORE.setItem("hk-session", data.session_token);
      var user = lastUser();
      if (user && user.serverAt) {
        awaitReplay();
        socket.emit("replay", { since: user.serverAt, shown: shownSince(user) });
      } else if (awaiting) {
        settleReplay([]);
      }
      // Back after a gap, or on a device that shows nothing of the conversation: the server recaps
      // and asks about a form left open instead of taking the first words as its answers.
      socket.emit("resume", { has_transcript: transcript.length > 0 });
    });
    socket.on("disconnect", function () { awaitReplay(); });  // answers sent meanwhile come in the replay
    socket.on("connect_error", function () { typing.textContent = labels.offline; });
    socket.on("bot_typing", function (data) { typing.textContent = data && data.typing ? labels.typing : ""; });
    socket.on("user_received", function (data) {
      if (!data || typeof data.at !== "number") return;
      transcript.forEach(function (entry) { if (entry.id && entry.id === data.id) entry.serverAt = data.at; });
      save();
    });
    socket.on("bot_uttered", function (message) {
      var entry = botEntry(message);
      if (!entry) return;
      if (awaiting) awaiting.push(entry);
      else add(entry);
    });
    socket.on("replayed", function (data) {
      var messages = data && Array.isArray(data.messages) ? data.messages : [];
      settleReplay(messages.map(botEntry));
    });
    socket.on("script", function (data) {
      var next = data && data.script === "traditional" ? "traditional" : "simplified";
      if (next === script) return;
      script = next;
      labels = LABELS[script];
      STORE.setItem("hk-script", script);
      applyLabels();
    });
    // The borrower ended the session: nothing of it stays in this browser. The goodbye stays on
    // screen (not stored); an anonymous visitor starts again as a new one.
    socket.on("session_ended", function () {
      var goodbye = transcript.length ? transcript[transcript.length - 1] : null;
      transcript = [];
      rows = [];
      STORE.removeItem(transcriptKey);
      STORE.removeItem("hk-session");
      while (log.firstChild) log.removeChild(log.firstChild);
      if (goodbye && goodbye.from === "bot") render({ from: "bot", text: goodbye.text });
      if (!options.token) {
        socket.auth = { session: "" };
        socket.disconnect().connect();
      }
    });

    function say(payload, shown) {
      if (!payload) return;
      var id = Math.random().toString(36).slice(2) + Date.now().toString(36);
      add({ from: "user", text: shown || payload, id: id });
      socket.emit("user_uttered", { message: payload, id: id });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      input.value = "";
      say(text);
    });

    function focusable() {
      return Array.prototype.filter.call(
        panel.querySelectorAll("button, input, [tabindex='0'], a[href]"),
        function (node) { return !node.disabled && node.offsetParent !== null; }
      );
    }
    function toggle(open) {
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", String(open));
      if (open) input.focus(); else launcher.focus();
    }
    launcher.addEventListener("click", function () { toggle(panel.hidden); });
    close.addEventListener("click", function () { toggle(false); });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { toggle(false); return; }
      if (event.key !== "Tab") return;
      var items = focusable();
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    if (transcript.length) toggle(true);
  }

  window.HuankuanChat = { mount: mount, richText: richText };
})();
