// Behaviour that would otherwise be inline script (the Content-Security-Policy allows none).
// The main menu folds into a button on a narrow screen: the button is shown and toggles the list; without script
// the list is simply shown (and wraps).
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 48rem)");
  function setUp() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!toggle || !menu) {
      return;
    }
    function apply() {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.hidden = !narrow.matches;
      menu.hidden = narrow.matches && !open;
    }
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
      apply();
    });
    narrow.addEventListener("change", apply);
    apply();
  }
  // Installable as a web app; the worker caches the app shell only, never a page (core/webapp.py).
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* the app works without it */ });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

// Live regions (the board, a situation's status): replaced only when the server says something changed (204
// otherwise, core/live.py). When one is replaced, keyboard focus stays on the same control; new requests on the
// board are announced once in a polite live region; the refresh can be paused.
(function () {
  "use strict";
  var paused = false;
  var focusKey = null;
  var known = null;

  function keyOf(element) {
    if (!element || element === document.body) {
      return null;
    }
    var form = element.form;
    return [element.tagName, element.getAttribute("aria-label") || "", element.name || "",
            form ? form.getAttribute("action") : "", element.getAttribute("href") || ""].join("|");
  }

  function refsOf(root) {
    var out = {};
    if (root) {
      root.querySelectorAll("[data-ref]").forEach(function (row) { out[row.dataset.ref] = row.dataset.new || ""; });
    }
    return out;
  }

  document.addEventListener("DOMContentLoaded", function () {
    known = refsOf(document.getElementById("board"));
    var button = document.querySelector("[data-pause-live]");
    if (button) {
      var pauseLabel = button.textContent;
      var resumeLabel = button.getAttribute("data-resume-label");
      button.hidden = false;
      button.addEventListener("click", function () {
        paused = !paused;
        button.setAttribute("aria-pressed", paused ? "true" : "false");
        button.textContent = paused ? resumeLabel : pauseLabel;
        if (!paused) { // catch up at once with what changed while paused
          document.querySelectorAll("[data-live]").forEach(function (region) {
            window.htmx.trigger(region, "gipz:changed");
          });
        }
      });
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (paused && event.detail.elt && event.detail.elt.hasAttribute("data-live")) {
      event.preventDefault();
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.hasAttribute("data-live") && target.contains(document.activeElement)) {
      focusKey = keyOf(document.activeElement);
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var region = document.getElementById(event.detail.target.id) || event.detail.target;
    if (focusKey) {
      var candidates = region.querySelectorAll("a, button, input, select, textarea");
      for (var i = 0; i < candidates.length; i++) {
        if (keyOf(candidates[i]) === focusKey) {
          candidates[i].focus({ preventScroll: true });
          break;
        }
      }
      focusKey = null;
    }
    if (region.id === "board" && known !== null) {
      var now = refsOf(region);
      var news = Object.keys(now).filter(function (ref) { return !(ref in known) && now[ref]; });
      var live = document.getElementById("live-news");
      if (news.length && live) {
        live.textContent = news.map(function (ref) { return now[ref]; }).join(". ");
      }
      known = now;
    }
  });
})();

// Server push (core/livefeed.py): one event stream per page tells the live region that something it shows changed;
// the region then fetches itself as before. While the stream is down (or the browser has none), the regions poll
// every data-refresh-seconds until it reconnects by itself. (No htmx trigger filter: the CSP allows no eval.)
(function () {
  "use strict";
  window.gipzPushUp = false;
  function start() {
    if (!document.querySelector("[data-live-topic]") || !("EventSource" in window)) {
      return;
    }
    var source = new EventSource("/live/events/");
    source.addEventListener("open", function () { window.gipzPushUp = true; });
    source.addEventListener("error", function () { window.gipzPushUp = false; });
    source.addEventListener("changed", function (event) {
      document.querySelectorAll("[data-live-topic]").forEach(function (region) {
        var topic = region.getAttribute("data-live-topic");
        // The board listens to every melding ("situation"); a situation's page to its own ("situation:12").
        if (event.data === topic || event.data.indexOf(topic + ":") === 0) {
          window.htmx.trigger(region, "gipz:changed");
        }
      });
    });
    window.addEventListener("pagehide", function () { source.close(); });
  }
  function pollWhileDown() {
    var regions = document.querySelectorAll("[data-live-topic]");
    if (!regions.length) {
      return;
    }
    var seconds = parseInt(regions[0].getAttribute("data-refresh-seconds"), 10) || 3;
    window.setInterval(function () {
      if (!window.gipzPushUp) {
        document.querySelectorAll("[data-live-topic]").forEach(function (region) {
          window.htmx.trigger(region, "gipz:poll");
        });
      }
    }, seconds * 1000);
  }
  function setUp() {
    start();
    pollWhileDown();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
