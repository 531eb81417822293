/** @odoo-module **/
// Conditions of a démarche's form applied as the citizen answers: a
// question whose condition is not met is hidden and its inputs disabled
// (not sent). Without this script every question is shown with the answer
// it depends on, and the server ignores those that do not apply.
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.GrcFormConditions = publicWidget.Widget.extend({
    selector: "form.grc_request_form",
    events: {
        "change input": "_onChange",
    },

    start() {
        this._apply();
        return this._super(...arguments);
    },

    _onChange() {
        this._apply();
    },

    _answers(key) {
        const inputs = this.el.querySelectorAll(`[name="q_${key}"]`);
        const values = [];
        for (const input of inputs) {
            if (input.disabled) {
                continue;
            }
            if (input.type === "radio" || input.type === "checkbox") {
                if (input.checked) {
                    values.push(input.value);
                }
            } else if (input.value) {
                values.push(input.value);
            }
        }
        return values;
    },

    _apply() {
        // In the order of the form: a question depends only on earlier ones.
        for (const question of this.el.querySelectorAll(".grc_question[data-grc-cond-key]")) {
            const shown = this._answers(question.dataset.grcCondKey).includes(
                question.dataset.grcCondValue
            );
            question.hidden = !shown;
            for (const input of question.querySelectorAll("input, textarea, select")) {
                input.disabled = !shown;
            }
        }
    },
});

export default publicWidget.registry.GrcFormConditions;
