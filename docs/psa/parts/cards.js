/* Part type `cards` (overrides/partials/parts/cards.html): the headings of a fields part as cards to cut out, four
 * to an A4. Paper only: the form prints it (print-part); there is nothing to compute, so this only registers. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  PSA.define("cards", {});
});
