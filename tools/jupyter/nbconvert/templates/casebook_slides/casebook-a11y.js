/* The casebook's accessibility layer for widgets (see casebook-a11y.css): names for controls that
   ipywidgets leaves unnamed, kept up as widgets render. No network, no eval. */
(function () {
  "use strict";
  function labelOf(el) {
    var box = el.closest(".widget-inline-hbox, .widget-hslider, .widget-vslider, .jupyter-widgets");
    var label = box && box.querySelector(".widget-label");
    return label ? label.textContent.trim() : "";
  }
  function name() {
    /* A slider's handle is what a keyboard or screen-reader user moves: give it the slider's label. */
    document.querySelectorAll(".noUi-handle, .noUi-touch-area").forEach(function (h) {
      var target = h.classList.contains("noUi-handle") ? h : h.closest(".noUi-handle");
      if (target && !target.getAttribute("aria-label")) {
        var text = labelOf(target);
        if (text) { target.setAttribute("aria-label", text); }
      }
    });
    document.querySelectorAll("div[role='slider']:not([aria-label])").forEach(function (h) {
      var text = labelOf(h);
      if (text) { h.setAttribute("aria-label", text); }
    });
    /* A live figure's alt text is written beside it by the kernel (LiveFigure.caption): put it on the image. */
    document.querySelectorAll(".cb-alt[data-for]").forEach(function (s) {
      var img = document.querySelector("img." + s.getAttribute("data-for"));
      var text = s.textContent.trim();
      if (img && text && img.getAttribute("alt") !== text) { img.setAttribute("alt", text); }
    });
    /* sphinx-book-theme's search button is named "Search" but also shows a shortcut: name it by
       what it shows (WCAG 2.5.3, label in name). */
    document.querySelectorAll(".search-button__button[aria-label]").forEach(function (b) {
      var shown = b.textContent.replace(/\s+/g, " ").trim();
      if (shown && b.getAttribute("aria-label") !== shown) { b.setAttribute("aria-label", shown); }
    });
  }
  var pending = false;
  function soon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; name(); });
  }
  function start() {
    name();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
