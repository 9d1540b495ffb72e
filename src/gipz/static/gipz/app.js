// Behaviour that would otherwise be inline script (the Content-Security-Policy allows none): a <select
// data-autosubmit> submits its form when changed (the language switcher; it keeps a button for use without script).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.submit();
    }
  });
})();
