/** Leaflet (pinned, shipped in static/lib/leaflet), loaded only on the pages
 * that show a map, with the tile server set by the authority. */
import { loadCSS, loadJS } from "@web/core/assets";

export async function loadLeaflet(settings) {
    await Promise.all([loadCSS(settings.leaflet_css), loadJS(settings.leaflet_js)]);
    return window.L;
}

export async function makeMap(element, settings) {
    const L = await loadLeaflet(settings);
    L.Icon.Default.imagePath = settings.leaflet_css.replace(/leaflet\.css$/, "images/");
    const map = L.map(element, { keyboard: true }).setView(settings.center, settings.zoom);
    // The credit is plain text, set by an administrator: escaped.
    const credit = document.createElement("span");
    credit.textContent = settings.attribution || "";
    if (settings.tiles) {
        L.tileLayer(settings.tiles, { maxZoom: 19, attribution: credit.innerHTML }).addTo(map);
    }
    return { L, map };
}
