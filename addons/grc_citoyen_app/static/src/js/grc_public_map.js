/** The public map of reports: the reports in the visible area, fetched at
 * each move (bounded box, server-side clusters when there are many), shown
 * as pins and as a list; "I am affected too" from the list. */
import publicWidget from "@web/legacy/js/public/public_widget";
import { _t } from "@web/core/l10n/translation";
import { makeMap } from "./grc_map";

publicWidget.registry.GrcAppPublicMap = publicWidget.Widget.extend({
    selector: ".grc_public_map_page",

    async start() {
        await this._super(...arguments);
        const element = this.el.querySelector(".grc_public_map");
        this.settings = JSON.parse(element.dataset.grcAppMap || "{}");
        this.list = this.el.querySelector(".grc_public_map_list");
        this.status = this.el.querySelector(".grc_public_map_status");
        const { L, map } = await makeMap(element, this.settings);
        this.L = L;
        this.map = map;
        this.layer = L.layerGroup().addTo(map);
        map.on("moveend", () => this._load());
        if (navigator.geolocation && this.settings.zoom < 10) {
            navigator.geolocation.getCurrentPosition(
                (position) => map.setView([position.coords.latitude, position.coords.longitude], 15),
                () => {},
                { timeout: 10000, maximumAge: 300000 }
            );
        }
        this._load();
    },

    async _load() {
        const bounds = this.map.getBounds();
        const bbox = [
            bounds.getSouth(),
            bounds.getWest(),
            bounds.getNorth(),
            bounds.getEast(),
        ]
            .map((value) => value.toFixed(5))
            .join(",");
        let data;
        try {
            const response = await fetch(`/carte/signalements.json?bbox=${bbox}`);
            data = await response.json();
            if (!response.ok) {
                this.status.textContent = data.error || "";
                this.layer.clearLayers();
                this.list.replaceChildren();
                return;
            }
        } catch {
            this.status.textContent = _t("The map needs the network.");
            return;
        }
        this.layer.clearLayers();
        this.list.replaceChildren();
        if (data.clusters) {
            for (const cluster of data.clusters) {
                this.L.circleMarker([cluster.lat, cluster.lon], { radius: 10 + Math.min(cluster.count, 40) / 2 })
                    .bindTooltip(String(cluster.count), { permanent: true, direction: "center" })
                    .on("click", () => this.map.setView([cluster.lat, cluster.lon], this.map.getZoom() + 2))
                    .addTo(this.layer);
            }
            this.status.textContent = _t("Many reports here: zoom in to list them.");
            return;
        }
        this.status.textContent = data.points.length
            ? _t("%s report(s) in this area.", data.points.length)
            : _t("No open report in this area.");
        for (const point of data.points) {
            this.L.marker([point.lat, point.lon], { keyboard: false })
                .bindPopup(this._describe(point, "div"))
                .addTo(this.layer);
            this.list.appendChild(this._describe(point, "li"));
        }
    },

    _describe(point, tag) {
        const element = document.createElement(tag);
        if (tag === "li") {
            element.className = "list-group-item";
        }
        const title = document.createElement("strong");
        title.textContent = point.type;
        const lines = [
            point.street,
            _t("Status: %s", point.state),
            point.date && _t("Reported on %s", point.date),
            point.expected && _t("Expected by %s", point.expected),
            point.note,
        ].filter(Boolean);
        element.appendChild(title);
        for (const line of lines) {
            const paragraph = document.createElement("div");
            paragraph.className = "small";
            paragraph.textContent = line;
            element.appendChild(paragraph);
        }
        if (point.photo) {
            const image = document.createElement("img");
            image.src = `/carte/photo/${point.id}`;
            image.alt = _t("Photo of the report");
            image.loading = "lazy";
            image.className = "grc_app_photo_thumb d-block my-1";
            element.appendChild(image);
        }
        if (point.join && tag === "li") {
            const button = document.createElement("button");
            button.type = "submit";
            button.name = "request_id";
            button.value = String(point.id);
            button.className = "btn btn-outline-primary btn-sm mt-1";
            button.textContent = _t("I am affected too");
            element.appendChild(button);
        }
        return element;
    },
});
