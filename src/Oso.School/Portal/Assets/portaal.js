// School portal: small enhancements. Every page works without this script (it is served by the node: CSP script-src 'self').
(function () {
  'use strict';
  // a running bulk action: follow its progress (counts only) and show the outcome per pupil once it is done
  var voortgang = document.getElementById('voortgang');
  if (!voortgang || !voortgang.dataset.stand) return;
  var balk = document.getElementById('voortgang-balk');
  var afgerond = document.getElementById('afgerond');
  var vraag = function () {
    fetch(voortgang.dataset.stand, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (stand) {
        if (!stand) return;
        balk.value = stand.afgerond;
        if (afgerond) afgerond.textContent = String(stand.afgerond);
        if (stand.afgerond >= stand.totaal) window.location.reload();
        else window.setTimeout(vraag, 1000);
      })
      .catch(function () { window.setTimeout(vraag, 3000); });
  };
  window.setTimeout(vraag, 500);
})();
