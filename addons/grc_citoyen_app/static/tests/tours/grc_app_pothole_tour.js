/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A pothole reported from a phone: the position from the phone (emulated),
// its address from the national address base (mocked by the test), a photo
// from the camera (a 3000 x 2000 picture, made smaller before it is sent).
registry.category("web_tour.tours").add("grc_app_pothole_report", {
    steps: () => [
        {
            content: "Install check: the page links a valid web app manifest",
            trigger: "head link[rel=manifest]:not(:visible)",
            async run() {
                const link = document.querySelector("link[rel=manifest]");
                const response = await fetch(link.href);
                if (!response.ok) {
                    throw new Error(`manifest answered ${response.status}`);
                }
                const manifest = await response.json();
                const errors = [];
                if (!manifest.name || !manifest.short_name) {
                    errors.push("name");
                }
                const scope = new URL(manifest.scope, link.href);
                const start = new URL(manifest.start_url, link.href);
                if (scope.origin !== location.origin || !start.href.startsWith(scope.href)) {
                    errors.push("start_url outside the scope");
                }
                if (!["standalone", "fullscreen", "minimal-ui"].includes(manifest.display)) {
                    errors.push("display");
                }
                const sizes = (manifest.icons || []).flatMap((icon) => icon.sizes.split(" "));
                if (!sizes.includes("192x192") || !sizes.includes("512x512")) {
                    errors.push("icons 192 and 512");
                }
                for (const icon of manifest.icons || []) {
                    const image = await fetch(new URL(icon.src, link.href));
                    if (!image.ok || image.headers.get("Content-Type") !== icon.type) {
                        errors.push(`icon ${icon.src}`);
                    }
                }
                if (errors.length) {
                    throw new Error(`manifest not valid: ${errors.join(", ")}`);
                }
            },
        },
        {
            content: "Install check: the service worker becomes active",
            trigger: "form[data-grc-app-form]",
            async run() {
                const registration = await navigator.serviceWorker.ready;
                const worker = registration.active;
                if (worker.state === "activating") {
                    await new Promise((resolve) =>
                        worker.addEventListener("statechange", () => worker.state !== "activating" && resolve())
                    );
                }
                if (
                    worker.state !== "activated" ||
                    !worker.scriptURL.endsWith("/grc-app-sw.js") ||
                    registration.scope !== `${location.origin}/`
                ) {
                    throw new Error(`service worker ${worker.scriptURL} ${worker.state} on ${registration.scope}`);
                }
            },
        },
        {
            content: "Use my position (the phone's position is emulated)",
            trigger: ".grc_app_locate:not(.d-none)",
            run() {
                Object.defineProperty(navigator, "geolocation", {
                    configurable: true,
                    value: {
                        getCurrentPosition(success) {
                            success({coords: {latitude: 45.7602, longitude: 4.8467}});
                        },
                    },
                });
                document.querySelector(".grc_app_locate").click();
            },
        },
        {
            content: "The address of the position is found",
            trigger: ".grc_app_position_status:contains('12 Rue des Lilas')",
        },
        {
            content: "The pin is on the map",
            trigger: ".grc_app_map .leaflet-marker-icon",
        },
        {
            content: "Take a photo",
            trigger: ".grc_app_photos:not(.d-none)",
            async run() {
                const canvas = document.createElement("canvas");
                canvas.width = 3000;
                canvas.height = 2000;
                const context = canvas.getContext("2d");
                context.fillStyle = "#884400";
                context.fillRect(0, 0, 3000, 2000);
                const blob = await new Promise((resolve) =>
                    canvas.toBlob(resolve, "image/jpeg", 0.9)
                );
                const input = document.getElementById("grc_app_camera");
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], "nid.jpg", {type: "image/jpeg"}));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The photo is shown, ready to be sent",
            trigger: ".grc_app_photo_list img",
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name=description]",
            run: "edit Nid-de-poule profond devant l'école.",
        },
        {
            content: "Send the report",
            trigger: "button[type=submit]:contains('Send my request')",
            run: "click",
        },
        {
            content: "The request's page shows its reference",
            trigger: ".grc_request_reference:contains('DEM-')",
        },
        {
            content: "Install check: the page loaded after the report is served through the service worker",
            trigger: ".grc_request_reference:contains('DEM-')",
            run() {
                if (!navigator.serviceWorker.controller?.scriptURL.endsWith("/grc-app-sw.js")) {
                    throw new Error("the service worker does not control the page");
                }
                window.location.href = "/carte";
            },
        },
        {
            content: "See it on the public map: its pin",
            trigger: ".grc_public_map .leaflet-marker-icon",
        },
        {
            content: "See it on the public map: in the list, at its address",
            trigger: ".grc_public_map_list li:contains('12 Rue des Lilas'):contains('Éclairage public en panne')",
            run() {
                window.location.href = "/my/notifications";
            },
        },
        {
            content: "Turn on the notifications on this phone (the push service is mocked)",
            trigger: ".grc_push_enable:not(.d-none)",
            run() {
                // The browser's push service is not reachable from the test:
                // the permission and the subscription it would give are stubbed.
                Notification.requestPermission = async () => "granted";
                PushManager.prototype.getSubscription = async () => null;
                PushManager.prototype.subscribe = async () => ({
                    toJSON: () => ({
                        endpoint: "https://push.example.com/send/tour-phone",
                        keys: {
                            p256dh:
                                "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u" +
                                "-Ts1XbjhazAkj7I99e8QcYP7DkM",
                            auth: "tBHItJI5svbpez7KI4CCXg",
                        },
                    }),
                });
                document.querySelector(".grc_push_enable").click();
            },
        },
        {
            content: "This phone is listed among the devices notified",
            trigger: "#grc_push_devices li",
        },
    ],
});

// A report made without network (emulated): kept on the phone, shown as
// waiting to be sent, sent when the network comes back.
registry.category("web_tour.tours").add("grc_app_offline_report", {
    steps: () => [
        {
            content: "The phone loses the network",
            trigger: "form[data-grc-app-form]",
            run() {
                window.grcTourOnline = false;
                Object.defineProperty(navigator, "onLine", {
                    configurable: true,
                    get: () => window.grcTourOnline,
                });
                window.dispatchEvent(new Event("offline"));
            },
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name=description]",
            run: "edit Tag sur le mur de l'école.",
        },
        {
            content: "Give the street",
            trigger: "input[name=location_street]",
            run: "edit 3 rue des Lilas",
        },
        {
            content: "Give the city",
            trigger: "input[name=location_city]",
            run: "edit Lyon",
        },
        {
            content: "Send the report without network",
            trigger: "button[type=submit]:contains('Send my request')",
            run: "click",
        },
        {
            content: "The report is kept on the phone",
            trigger: ".grc_app_form_status:contains('waiting to be sent')",
        },
        {
            content: "It is listed as waiting to be sent",
            trigger: "#grc_app_pending:not(.d-none) li:contains('Waiting to be sent')",
        },
        {
            content: "The network comes back",
            trigger: "#grc_app_pending:not(.d-none)",
            run() {
                window.grcTourOnline = true;
                window.dispatchEvent(new Event("online"));
            },
        },
        {
            content: "The report was sent: nothing waits any more",
            trigger: "body:has(#grc_app_pending.d-none)",
        },
    ],
});
