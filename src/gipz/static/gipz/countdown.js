// Live countdowns for elements with data-deadline (ISO 8601). Without JavaScript the deadline time stays visible.
(function () {
  "use strict";
  function format(ms) {
    var late = ms < 0;
    var s = Math.floor(Math.abs(ms) / 1000);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var text = (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(sec).padStart(2, "0");
    return (late ? "−" : "") + text;
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var deadline = Date.parse(el.getAttribute("data-deadline"));
      if (isNaN(deadline)) return;
      if (!el.dataset.original) el.dataset.original = el.textContent;
      var left = deadline - now;
      el.textContent = el.dataset.original + " (" + format(left) + ")";
      el.classList.toggle("overdue", left < 0);
      el.classList.toggle("soon", left >= 0 && left < 5 * 60 * 1000);
    });
  }
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:afterSwap", tick);
  setInterval(tick, 1000);
})();
