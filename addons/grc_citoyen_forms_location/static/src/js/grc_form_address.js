/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Address questions of a démarche's form: the addresses of the national
// address base matching what the citizen types fill the field's native list
// (datalist). Without this script the field is a plain text field.
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.GrcFormAddress = publicWidget.Widget.extend({
    selector: "form.grc_request_form",
    events: {
        "input input[data-grc-address]": "_onAddressInput",
    },

    _onAddressInput(event) {
        const input = event.target;
        clearTimeout(this._suggestTimer);
        const query = input.value.trim();
        const list = input.list;
        if (!list || query.length < 3) {
            return;
        }
        // A suggestion chosen: nothing more to ask.
        if ([...list.options].some((option) => option.value === query)) {
            return;
        }
        this._suggestTimer = setTimeout(async () => {
            let suggestions = [];
            try {
                const response = await fetch(
                    `/demarches/adresses/suggestions?q=${encodeURIComponent(query)}`
                );
                suggestions = response.ok ? (await response.json()).suggestions : [];
            } catch {
                suggestions = [];
            }
            list.replaceChildren(
                ...suggestions.map((suggestion) => {
                    const option = document.createElement("option");
                    option.value = suggestion.label;
                    return option;
                })
            );
        }, 300);
    },
});

export default publicWidget.registry.GrcFormAddress;
