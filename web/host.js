// What a host page adds: one call with the server URL and, when logged in, the signed identity token.
(function () {
  var me = document.currentScript;
  HuankuanChat.mount({
    server: me.getAttribute("data-server") || window.location.origin,
    token: me.getAttribute("data-token") || null
  });
})();
