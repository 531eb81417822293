/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {Composer} from "@mail/core/common/composer";
import {StatusBarDurationField} from "@mail/views/fields/statusbar_duration/statusbar_duration_field";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

const {Duration, Settings} = luxon;
const UNITS = ["year", "month", "day", "hour", "minute"];
// Short forms that read unambiguously ("3 j", "2 h", "1 min"); months and
// years in full, their short French forms ("5 m.") being read as minutes.
const IN_FULL = new Set(["year", "month"]);

/**
 * Time spent in a stage, in the largest whole unit, as people write it:
 * "5 mois", "3 j", "1 min" in French. Odoo writes the "narrow" form, which in
 * French reads "5m." for five months, beside "1min" for one minute.
 */
export function grcStageDuration(seconds) {
    const minutes = Math.max(1, Math.floor(seconds / 60));
    const duration = Duration.fromObject({minutes}).shiftTo(
        ...UNITS.map((unit) => `${unit}s`)
    );
    const unit = UNITS.find((name) => duration.get(`${name}s`) >= 1) || "minute";
    return new Intl.NumberFormat(Settings.defaultLocale || undefined, {
        style: "unit",
        unit,
        unitDisplay: IN_FULL.has(unit) ? "long" : "short",
        maximumFractionDigits: 0,
    }).format(Math.floor(duration.get(`${unit}s`)));
}

patch(StatusBarDurationField.prototype, {
    getAllItems() {
        const items = super.getAllItems();
        const tracking = this.props.record.data.duration_tracking || {};
        for (const item of items) {
            if (item.shortTimeInStage) {
                item.shortTimeInStage = grcStageDuration(tracking[item.value]);
            }
        }
        return items;
    },
});

/**
 * "or press CTRL + Enter" under the message: Odoo's French catalogue gives
 * the key "Enter" the verb's translation ("Saisir"). The key's own name is
 * used where it is translated; elsewhere Odoo's words stay.
 */
patch(Composer.prototype, {
    get sendKeybinds() {
        const enter = String(_t("Enter key"));
        if (enter === "Enter key") {
            return super.sendKeybinds;
        }
        return this.props.mode === "extended" ? [_t("Ctrl"), enter] : [enter];
    },
});
