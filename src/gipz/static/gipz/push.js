// Web Push on the alert settings page: subscribe this browser with the server's VAPID key and send the
// subscription to GIPZ. The service worker (/sw.js) shows the notifications.
(function () {
  "use strict";
  var button = document.getElementById("push-on");
  var status = document.getElementById("push-status");
  if (!button || !status) {
    return;
  }
  function say(key) {
    status.textContent = status.dataset[key] || "";
  }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !window.isSecureContext) {
    say("unsupported");
    return;
  }
  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") {
          throw new Error("denied");
        }
        return navigator.serviceWorker.register("/sw.js").then(function () {
          return navigator.serviceWorker.ready;
        });
      })
      .then(function (registration) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(button.dataset.key),
        });
      })
      .then(function (subscription) {
        return fetch(button.dataset.url, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRFToken": button.dataset.csrf },
          body: JSON.stringify(subscription.toJSON()),
          credentials: "same-origin",
        });
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("failed");
        }
        window.location.reload();
      })
      .catch(function (error) {
        button.disabled = false;
        say(error && error.message === "denied" ? "denied" : "failed");
      });
  });
})();
