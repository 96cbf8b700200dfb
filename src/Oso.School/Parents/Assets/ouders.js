// The parents' link carries its code in the fragment (#code=...), which a browser never sends to a server or a proxy,
// so the code appears in no log. This script hands it to the form once, removes it from the address bar and history,
// and submits. Without JavaScript, parents type or paste the code from the mail into the same form.
(function () {
  function open() {
    var match = /^#code=([A-Za-z0-9_-]{20,100})$/.exec(window.location.hash);
    if (!match) return;
    window.history.replaceState(null, '', window.location.pathname);
    var form = document.getElementById('openen');
    if (!form) return;
    form.elements['code'].value = match[1];
    form.submit();
  }
  window.addEventListener('hashchange', open); // the link pasted into a tab that shows this page already
  open();
})();
