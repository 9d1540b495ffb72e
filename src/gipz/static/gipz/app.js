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
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
