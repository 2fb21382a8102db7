(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  PSA.define("dossier", { start: function () { return {}; } });
});
