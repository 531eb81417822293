/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {formatInteger} from "@web/views/fields/formatters";
import {patch} from "@web/core/utils/patch";
import {GraphRenderer} from "@web/views/graph/graph_renderer";

/**
 * The labels of a graph's vertical axis for a measure that counts
 * (``__count`` or an integer field summed): whole steps, written as whole
 * numbers ("160", "1 200"). Odoo 18 writes every axis label as a decimal
 * number, so that a count of requests reads "160,00" in French.
 */
export function grcCountTickLabel(value) {
    return Number.isInteger(value) ? formatInteger(value) : "";
}

patch(GraphRenderer.prototype, {
    getScaleOptions() {
        const scales = super.getScaleOptions(...arguments);
        const {fieldAttrs, measure, measures} = this.model.metaData;
        const field = measures[measure];
        // An average of whole numbers is no count: Odoo's labels stay.
        const counts = field?.type === "integer" && field.aggregator !== "avg";
        if (scales.y && counts && !fieldAttrs[measure]?.widget) {
            scales.y.ticks = {
                ...scales.y.ticks,
                precision: 0,
                callback: grcCountTickLabel,
            };
        }
        return scales;
    },
});
