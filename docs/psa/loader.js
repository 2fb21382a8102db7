/* Loads the tools of a long reading page only when they are needed (hooks/instruments/assets.py decides which
 * pages): when a tool comes within two screens of view, or is touched or focused. Until then the page costs what a
 * page without tools costs; the tools' print styles are in the page's <head> with media="print", so the page also
 * prints right before they load. The files to load are in this script's own data-psa-styles and
 * data-psa-scripts: Material's instant navigation copies a script's attributes, but not inline data. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var styles = (me.getAttribute("data-psa-styles") || "").split(" ").filter(Boolean);
  var scripts = (me.getAttribute("data-psa-scripts") || "").split(" ").filter(Boolean);
  var loaded = window.psaLoaded = window.psaLoaded || {};
  var done = false;

  function load() {
    if (done) return;
    done = true;
    styles.forEach(function (href) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href; // absolute now: the property resolves against this page
      // Material removes head elements that the next page does not have, so each page view adds its own.
      if (!document.head.querySelector("link[rel='stylesheet'][href='" + link.href + "']:not([media='print'])")) {
        document.head.appendChild(link);
      }
    });
    scripts.forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      if (loaded[script.src]) return; // already running: registering again would change nothing
      loaded[script.src] = true;
      script.async = false; // in order, as a page with the scripts in its HTML would run them
      document.body.appendChild(script);
    });
  }

  var tools = Array.prototype.slice.call(document.querySelectorAll("[data-psa]"));
  tools.forEach(function (tool) {
    tool.addEventListener("pointerdown", load, { once: true });
    tool.addEventListener("focusin", load, { once: true });
  });
  if (!("IntersectionObserver" in window)) return load();
  var observer = new IntersectionObserver(function (entries) {
    if (!entries.some(function (e) { return e.isIntersecting; })) return;
    observer.disconnect();
    load();
  }, { rootMargin: "200% 0px" });
  tools.forEach(function (tool) { observer.observe(tool); });
})();
