/** The report form on a phone: photos taken or chosen (made smaller, EXIF
 * removed, their position used), "use my position", a map to place or move
 * the pin, the address found by the national address base, suggestions while
 * typing the address; sent in the background, or kept on the phone when
 * there is no network. */
import publicWidget from "@web/legacy/js/public/public_widget";
import { _t } from "@web/core/l10n/translation";
import { makeMap } from "./grc_map";
import { preparePhoto } from "./grc_photo";
import { isKeyUsed, markKeyUsed, newKey, queueReport } from "./grc_app_queue";

const SENT_URL = /\/my\/requests\/\d+/;
const PIN_ZOOM = 17;

publicWidget.registry.GrcAppReportForm = publicWidget.Widget.extend({
    selector: "form[data-grc-app-form]",
    events: {
        submit: "_onSubmit",
        "change .grc_app_photo_input": "_onPhotos",
        "input #grc_location_street": "_onStreetInput",
        "change #grc_location_street": "_onStreetChosen",
    },

    async start() {
        await this._super(...arguments);
        this.settings = JSON.parse(this.el.dataset.grcAppMap || "{}");
        this.photos = [];
        this.suggestions = [];
        this.status = this.el.querySelector(".grc_app_position_status");
        this.keyInput = this.el.querySelector("input[name='idempotency_key']");
        if (window.indexedDB && this.keyInput && (await isKeyUsed(this.keyInput.value).catch(() => false))) {
            // A copy of the page kept offline: its report would be taken
            // for the one already sent with this key.
            this.keyInput.value = newKey();
        }
        this.el.querySelector(".grc_app_photos")?.classList.remove("d-none");
        const locate = this.el.querySelector(".grc_app_locate");
        if (locate && navigator.geolocation) {
            locate.classList.remove("d-none");
            locate.addEventListener("click", () => this._locate());
        }
        const mapElement = this.el.querySelector(".grc_app_map");
        if (mapElement && this.settings.tiles) {
            mapElement.classList.remove("d-none");
            this._startMap(mapElement).catch(() => mapElement.classList.add("d-none"));
        }
    },

    // ------------------------------------------------------------------
    // Position
    // ------------------------------------------------------------------

    _field(name) {
        return this.el.querySelector(`[name='${name}']`);
    },

    _say(message) {
        if (this.status) {
            this.status.textContent = message;
        }
    },

    async _startMap(element) {
        const { L, map } = await makeMap(element, this.settings);
        this.L = L;
        this.map = map;
        map.on("click", (event) => this._setPosition(event.latlng.lat, event.latlng.lng, true));
        const lat = parseFloat(this._field("location_latitude")?.value);
        const lon = parseFloat(this._field("location_longitude")?.value);
        if (Number.isFinite(lat) && Number.isFinite(lon)) {
            this._setPosition(lat, lon, false);
        }
    },

    _setPosition(lat, lon, lookUp) {
        this._field("location_latitude").value = lat.toFixed(7);
        this._field("location_longitude").value = lon.toFixed(7);
        if (this.map) {
            if (!this.marker) {
                this.marker = this.L.marker([lat, lon], { draggable: true, keyboard: true }).addTo(this.map);
                this.marker.on("dragend", () => {
                    const point = this.marker.getLatLng();
                    this._setPosition(point.lat, point.lng, true);
                });
            } else {
                this.marker.setLatLng([lat, lon]);
            }
            this.map.setView([lat, lon], Math.max(this.map.getZoom(), PIN_ZOOM));
        }
        if (lookUp) {
            this._reverse(lat, lon);
        }
    },

    async _reverse(lat, lon) {
        this._say(_t("Looking for the address…"));
        let address = null;
        try {
            const response = await fetch(`/grc-app/address/reverse?lat=${lat}&lon=${lon}`);
            address = response.ok ? (await response.json()).address : null;
        } catch {
            address = null;
        }
        if (!address) {
            this._say(_t("Position recorded. No address found: describe the place if you can."));
            return;
        }
        this._fillAddress(address);
        this._say(_t("Position recorded: %s", address.label));
    },

    _fillAddress(address) {
        this._field("location_street").value = address.street || address.label || "";
        this._field("location_zip").value = address.zip || "";
        this._field("location_city").value = address.city || "";
    },

    _locate() {
        this._say(_t("Looking for your position…"));
        navigator.geolocation.getCurrentPosition(
            (position) => this._setPosition(position.coords.latitude, position.coords.longitude, true),
            () => this._say(_t("Your position is not available: type the address or place the pin on the map.")),
            { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
        );
    },

    // ------------------------------------------------------------------
    // Address suggestions (the keyboard's way, never the map only)
    // ------------------------------------------------------------------

    _onStreetInput(event) {
        clearTimeout(this._suggestTimer);
        const query = event.target.value.trim();
        if (query.length < 3 || this.suggestions.some((s) => s.label === query)) {
            return;
        }
        this._suggestTimer = setTimeout(async () => {
            try {
                const response = await fetch(`/grc-app/address/suggest?q=${encodeURIComponent(query)}`);
                this.suggestions = response.ok ? (await response.json()).suggestions : [];
            } catch {
                this.suggestions = [];
            }
            const list = this.el.querySelector("#grc_app_address_suggestions");
            list.replaceChildren(
                ...this.suggestions.map((suggestion) => {
                    const option = document.createElement("option");
                    option.value = suggestion.label;
                    return option;
                })
            );
        }, 300);
    },

    _onStreetChosen(event) {
        const chosen = this.suggestions.find((s) => s.label === event.target.value);
        if (!chosen) {
            return;
        }
        this._fillAddress(chosen);
        if (Number.isFinite(chosen.lat) && Number.isFinite(chosen.lon)) {
            this._setPosition(chosen.lat, chosen.lon, false);
        }
        this._say(_t("Address chosen: %s", chosen.label));
    },

    // ------------------------------------------------------------------
    // Photos
    // ------------------------------------------------------------------

    async _onPhotos(event) {
        const input = event.target;
        const files = [...input.files];
        input.value = "";
        for (const original of files) {
            const { file, position } = await preparePhoto(original);
            this.photos.push(file);
            this._showPhoto(file);
            const lat = this._field("location_latitude");
            if (position && lat && !lat.value) {
                this._setPosition(position.lat, position.lon, true);
                this._say(_t("Position read from the photo."));
            }
        }
    },

    _showPhoto(file) {
        const list = this.el.querySelector(".grc_app_photo_list");
        const item = document.createElement("li");
        const image = document.createElement("img");
        image.src = URL.createObjectURL(file);
        image.alt = _t("Photo %s", this.photos.length);
        image.className = "grc_app_photo_thumb";
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn btn-link btn-sm d-block";
        remove.textContent = _t("Remove photo %s", this.photos.length);
        remove.addEventListener("click", () => {
            this.photos = this.photos.filter((photo) => photo !== file);
            URL.revokeObjectURL(image.src);
            item.remove();
        });
        item.append(image, remove);
        list.appendChild(item);
    },

    // ------------------------------------------------------------------
    // Sending
    // ------------------------------------------------------------------

    _formEntries() {
        const data = new FormData(this.el);
        data.delete("attachments");
        const entries = [...data.entries()].filter(([, value]) => typeof value === "string");
        const chosen = this.el.querySelector("input[name='attachments']");
        for (const file of [...(chosen?.files || []), ...this.photos]) {
            entries.push(["attachments", file]);
        }
        return entries;
    },

    _putPhotosInForm() {
        const input = this.el.querySelector("input[name='attachments']");
        if (!input || !this.photos.length || !window.DataTransfer) {
            return;
        }
        const transfer = new DataTransfer();
        for (const file of [...input.files, ...this.photos]) {
            transfer.items.add(file);
        }
        input.files = transfer.files;
        this.photos = [];
    },

    _showFormStatus(message, kind) {
        const box = this.el.parentElement.querySelector(".grc_app_form_status");
        if (!box) {
            return;
        }
        box.className = `grc_app_form_status alert alert-${kind}`;
        box.textContent = message;
        box.focus();
    },

    async _onSubmit(event) {
        if (this._nativeSubmit) {
            return; // the second, native pass below
        }
        // jQuery's event (public widgets) does not copy the submitter.
        const submitter = event.submitter || event.originalEvent?.submitter;
        if (submitter?.name === "grc_save_draft") {
            // "Save and continue later": the form goes as it is, with the
            // button that says so (FormData(form) leaves it out, and the
            // démarche was filed instead of saved); nothing is queued.
            this._putPhotosInForm();
            return;
        }
        event.preventDefault();
        const key = this.keyInput?.value;
        const signedIn = this.el.dataset.grcAppSignedIn === "1";
        if (!navigator.onLine) {
            if (!signedIn || !window.indexedDB || !key) {
                this._showFormStatus(
                    _t("You are offline: sign in to keep reports on your phone, or send it once the network is back."),
                    "warning"
                );
                return;
            }
            await this._queue(key);
            return;
        }
        if (key && window.indexedDB) {
            await markKeyUsed(key).catch(() => {});
        }
        if (signedIn && window.fetch) {
            const entries = this._formEntries();
            const body = new FormData();
            for (const [name, value] of entries) {
                body.append(name, value);
            }
            try {
                const response = await fetch(this.el.action, {
                    method: "POST",
                    body,
                    credentials: "same-origin",
                    redirect: "follow",
                });
                if (response.redirected && SENT_URL.test(response.url)) {
                    window.location.assign(response.url);
                    return;
                }
            } catch {
                if (window.indexedDB && key) {
                    await this._queue(key);
                    return;
                }
            }
        }
        // Errors to show (or a visitor): the server's own page answers; the
        // same key never files the request twice.
        this._putPhotosInForm();
        this._nativeSubmit = true;
        this.el.requestSubmit ? this.el.requestSubmit() : this.el.submit();
    },

    async _queue(key) {
        await queueReport({
            key,
            action: this.el.action,
            typeName: this.el.dataset.grcAppType,
            uid: Number(this.el.dataset.grcAppUid) || null,
            entries: this._formEntries(),
        });
        this._showFormStatus(
            _t("No network: your report is kept on this phone, waiting to be sent. It will be sent once, as soon as the network is back."),
            "info"
        );
        this.el.reset();
        this.photos = [];
        this.el.querySelector(".grc_app_photo_list")?.replaceChildren();
        this.keyInput.value = newKey();
    },
});
