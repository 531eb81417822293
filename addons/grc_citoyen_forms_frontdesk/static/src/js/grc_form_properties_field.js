/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The démarche's questions in the front-desk console, shown as the agent
// answers: a question whose condition is not met is hidden, as on the
// portal. What decides is the server (grc.form.engine._grc_shown_keys): it
// checks the conditions again and drops the answers of hidden questions.
import {PropertiesField, propertiesField} from "@web/views/fields/properties/properties_field";
import {registry} from "@web/core/registry";

export class GrcFormPropertiesField extends PropertiesField {
    /**
     * Names of the questions shown given the answers typed so far: in the
     * order of the form, a question is shown when the question it depends on
     * is shown and was given the answer that shows it.
     *
     * @returns {Set<string>}
     */
    get grcShownNames() {
        const conditions = this.props.record.data.grc_form_conditions || {};
        const properties = this.propertiesList;
        const values = Object.fromEntries(
            properties.map((property) => [property.name, property.value])
        );
        const shown = new Set();
        for (const property of properties) {
            const condition = conditions[property.name];
            if (!condition) {
                shown.add(property.name);
                continue;
            }
            const [condKey, condValue] = condition;
            const answer = values[condKey];
            const answers = Array.isArray(answer) ? answer : [answer];
            if (shown.has(condKey) && answers.includes(condValue)) {
                shown.add(property.name);
            }
        }
        return shown;
    }

    /**
     * The sections of the form, always open (a form to fill in, not a card
     * to browse: a section without a name cannot be folded), with the
     * questions shown only.
     */
    get groupedPropertiesList() {
        const shown = this.grcShownNames;
        return super.groupedPropertiesList.map((group) => ({
            ...group,
            name: null,
            elements: group.elements.filter((property) => shown.has(property.name)),
        }));
    }
}

export const grcFormPropertiesField = {
    ...propertiesField,
    component: GrcFormPropertiesField,
};

registry.category("fields").add("grc_form_properties", grcFormPropertiesField);
