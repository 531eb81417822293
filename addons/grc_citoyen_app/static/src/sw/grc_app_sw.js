/* Service worker of the citizen's app (served at /grc-app-sw.js, scope /).
 *
 * - The app shell (assets, icons, manifest) is served from the cache first.
 * - Public pages (catalogue, démarches and their form, map, install page)
 *   are fetched from the network first and kept for offline use, in a cache
 *   of the person they were served to (header X-Grc-App-User): one person's
 *   pages are never served to another, and signing out deletes them.
 * - Personal pages (/my, /suivi, the session, the back office) are never
 *   stored: offline, the offline page answers instead.
 */
const VERSION = "__GRC_APP_VERSION__";
const SHELL_CACHE = `grc-app-shell-${VERSION}`;
const PAGES_PREFIX = "grc-app-pages-";
const USER_ENTRY = "/grc-app/__user";
const OFFLINE_URL = "/grc-app/offline";
const PRECACHE = [
    OFFLINE_URL,
    "/grc-app/manifest.webmanifest",
    "/grc-app/icon-192.png",
    "/grc-app/icon-512.png",
];
// Versioned bundles and the pinned map library: a new version has a new URL.
const SHELL_PATHS = [
    /^\/web\/assets\//,
    /^\/grc_citoyen_app\/static\/lib\//,
    /^\/grc-app\/icon-\d+\.png$/,
];
const PAGE_PATHS = [
    /^\/(fr|en)?\/?$/,
    /^\/(fr\/|en\/)?demarches(\/[^/]+)?\/?$/,
    /^\/(fr\/|en\/)?demarches\/\d+\/nouvelle$/,
    /^\/(fr\/|en\/)?carte$/,
    /^\/(fr\/|en\/)?application$/,
    /^\/grc-app\/offline$/,
];
const NEVER_PATHS = [
    /^\/(fr\/|en\/)?my(\/|$)/,
    /^\/(fr\/|en\/)?suivi/,
    /^\/web\//,
    /^\/odoo/,
    /^\/grc-app\/session/,
];
const LOGOUT_PATH = /^\/web\/session\/logout/;

self.addEventListener("install", (event) => {
    event.waitUntil(
        caches
            .open(SHELL_CACHE)
            .then((cache) => cache.addAll(PRECACHE))
            .then(() => self.skipWaiting())
    );
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches
            .keys()
            .then((names) =>
                Promise.all(
                    names
                        .filter((name) => name.startsWith("grc-app-shell-") && name !== SHELL_CACHE)
                        .map((name) => caches.delete(name))
                )
            )
            .then(() => self.clients.claim())
    );
});

function matches(patterns, path) {
    return patterns.some((pattern) => pattern.test(path));
}

async function deletePages(keep) {
    const names = await caches.keys();
    await Promise.all(
        names
            .filter((name) => name.startsWith(PAGES_PREFIX) && name !== keep)
            .map((name) => caches.delete(name))
    );
}

async function currentUser() {
    const shell = await caches.open(SHELL_CACHE);
    const entry = await shell.match(USER_ENTRY);
    return entry ? entry.text() : null;
}

async function rememberUser(user) {
    if (user === (await currentUser())) {
        return;
    }
    // Someone else uses the phone now: the previous person's pages go.
    await deletePages(PAGES_PREFIX + user);
    const shell = await caches.open(SHELL_CACHE);
    await shell.put(USER_ENTRY, new Response(user));
}

function storable(response) {
    const control = response.headers.get("Cache-Control") || "";
    return response.ok && response.type === "basic" && !/no-store|private/.test(control);
}

async function page(request, path) {
    try {
        const response = await fetch(request);
        const user = response.headers.get("X-Grc-App-User");
        if (user && matches(PAGE_PATHS, path) && storable(response)) {
            await rememberUser(user);
            const cache = await caches.open(PAGES_PREFIX + user);
            await cache.put(request, response.clone());
        }
        return response;
    } catch (error) {
        const user = await currentUser();
        const cached =
            user && matches(PAGE_PATHS, path)
                ? await (await caches.open(PAGES_PREFIX + user)).match(request)
                : null;
        return cached || (await caches.match(OFFLINE_URL)) || Response.error();
    }
}

async function shell(request) {
    const cached = await caches.match(request);
    if (cached) {
        return cached;
    }
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
        const cache = await caches.open(SHELL_CACHE);
        await cache.put(request, response.clone());
    }
    return response;
}

self.addEventListener("fetch", (event) => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) {
        return;
    }
    const path = url.pathname;
    if (LOGOUT_PATH.test(path)) {
        event.waitUntil(deletePages(null));
        return;
    }
    if (request.mode === "navigate") {
        if (matches(NEVER_PATHS, path)) {
            event.respondWith(
                fetch(request).catch(() => caches.match(OFFLINE_URL).then((r) => r || Response.error()))
            );
            return;
        }
        event.respondWith(page(request, path));
        return;
    }
    if (matches(SHELL_PATHS, path)) {
        event.respondWith(shell(request));
    }
});

self.addEventListener("message", (event) => {
    if (event.data && event.data.type === "grc-app-signed-out") {
        event.waitUntil(deletePages(null));
    }
});

// Notifications of the steps of the citizen's requests (Odoo's web push,
// payload made by helpdesk_ticket_push.py: title, options with data.url).
self.addEventListener("push", (event) => {
    let payload = {};
    try {
        payload = event.data ? event.data.json() : {};
    } catch {
        return;
    }
    if (!payload.title) {
        return;
    }
    event.waitUntil(self.registration.showNotification(payload.title, payload.options || {}));
});

self.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const target = new URL((event.notification.data && event.notification.data.url) || "/my", self.location.origin);
    // Only a page of the authority's own site is opened.
    const url = target.origin === self.location.origin ? target.href : `${self.location.origin}/my`;
    event.waitUntil(
        self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
            const open = windows.find((client) => client.url === url && "focus" in client);
            return open ? open.focus() : self.clients.openWindow(url);
        })
    );
});
