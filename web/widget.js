// 还款助手 chat widget: plain DOM, text only (never HTML), socket.io to the assistant; documents
// the assistant issues come as download buttons.
// HuankuanChat.mount({server, token}) — token is the host app's signed identity, or null.
(function () {
  "use strict";
  var STORE = window.sessionStorage;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;  // bot text is shown as text, never parsed as HTML
    return node;
  }

  function mount(options) {
    var identity = options.token ? "user" : "anon";
    var transcriptKey = "hk-transcript-" + identity;
    var transcript = JSON.parse(STORE.getItem(transcriptKey) || "[]");

    var launcher = el("button", "hk-launcher", "还款助手");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "hk-panel");

    var panel = el("section", "hk-panel");
    panel.id = "hk-panel";
    panel.hidden = true;
    panel.setAttribute("aria-label", "还款助手在线咨询");
    var header = el("div", "hk-header");
    header.appendChild(el("h2", "", "还款助手"));
    var close = el("button", "", "×");
    close.type = "button";
    close.setAttribute("aria-label", "关闭对话窗口");
    header.appendChild(close);
    var log = el("div", "hk-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    var typing = el("div", "hk-typing");
    typing.setAttribute("aria-live", "polite");
    var form = el("form", "hk-form");
    var input = el("input");
    input.type = "text";
    input.maxLength = 500;
    input.placeholder = "请输入您的问题";
    input.setAttribute("aria-label", "输入消息");
    var send = el("button", "", "发送");
    send.type = "submit";
    form.appendChild(input);
    form.appendChild(send);
    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(form);
    document.body.appendChild(launcher);
    document.body.appendChild(panel);

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
      var button = el("button", "", "下载《" + doc.title + "》PDF");
      button.type = "button";
      var note = el("div", "hk-doc-note", "凭证编号 " + doc.reference + " · " + doc.expires_in_minutes + "分钟内有效，只能下载一次");
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
            note.textContent = "已下载（凭证编号 " + doc.reference + "）";
          })
          .catch(function (error) {
            note.textContent = error.message || "下载失败，请稍后再试或说“对账单”重新获取。";
          });
      });
      card.appendChild(button);
      card.appendChild(note);
      return card;
    }

    function render(entry) {
      if (entry.document) log.appendChild(documentCard(entry.document));
      if (entry.text) {
        var bubble = el("div", "hk-msg " + (entry.from === "bot" ? "hk-bot" : "hk-user"), entry.text);
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

    var auth = options.token ? { token: options.token } : { session: STORE.getItem("hk-session") || "" };
    var socket = io(options.server, { path: "/socket.io", transports: ["websocket", "polling"], auth: auth });
    socket.on("session_confirm", function (data) {
      if (data && data.session_token) STORE.setItem("hk-session", data.session_token);
    });
    socket.on("connect_error", function () {
      typing.textContent = "暂时连接不上，请稍后再试或拨打客服电话。";
    });
    socket.on("bot_typing", function (data) { typing.textContent = data && data.typing ? "还款助手正在输入…" : ""; });
    socket.on("bot_uttered", function (message) {
      var doc = message && message.custom && message.custom.document;
      if (doc && typeof doc.path === "string" && typeof doc.title === "string") {
        add({ from: "bot", document: { title: doc.title, reference: String(doc.reference || ""), path: doc.path,
                                       expires_in_minutes: Number(doc.expires_in_minutes) || 10 } });
        return;
      }
      if (!message || typeof message.text !== "string") return;  // text and buttons only
      var buttons = (message.quick_replies || message.buttons || []).map(function (b) { return { title: b.title, payload: b.payload }; });
      add({ from: "bot", text: message.text, buttons: buttons });
    });
    // The borrower ended the session: nothing of it stays in this browser. The goodbye stays on
    // screen (not stored); an anonymous visitor starts again as a new one.
    socket.on("session_ended", function () {
      var goodbye = transcript.length ? transcript[transcript.length - 1] : null;
      transcript = [];
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
      add({ from: "user", text: shown || payload });
      socket.emit("user_uttered", { message: payload });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      input.value = "";
      say(text);
    });
    function toggle(open) {
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", String(open));
      if (open) input.focus(); else launcher.focus();
    }
    launcher.addEventListener("click", function () { toggle(panel.hidden); });
    close.addEventListener("click", function () { toggle(false); });
    panel.addEventListener("keydown", function (event) { if (event.key === "Escape") toggle(false); });
    if (transcript.length) toggle(true);
  }

  window.HuankuanChat = { mount: mount };
})();
