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
