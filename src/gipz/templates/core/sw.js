// GIPZ service worker: the app shell only (no page with personal data is ever cached; see core/webapp.py).
const CACHE = "gipz-shell-{{ version }}";
const SHELL = {{ urls|safe }};
const OFFLINE = SHELL[SHELL.length - 1];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return; // posts go to the network as usual
  }
  if (request.mode === "navigate") {
    // Pages: always the network, never stored; offline, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  const url = new URL(request.url);
  if (url.origin === self.location.origin && SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

// Alerts (Web Push): the message holds only a title, a reference and a link; show it, and open the link on a tap.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    message = {};
  }
  const icon = SHELL.find((url) => url.includes("icon-192")) || undefined;
  event.waitUntil(
    self.registration.showNotification(message.title || "GIPZ", {
      body: message.body || "",
      icon: icon,
      tag: message.body || undefined,
      renotify: true,
      requireInteraction: true,
      data: { url: message.url || "/" },
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
