/** @odoo-module **/
// Copyright 2026 GRC Citoyenne contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// 1. The citizen complains, from the page of their late request.
registry.category("web_tour.tours").add("grc_reclamation_portal_file", {
    steps: () => [
        {
            content: "Complain about this request",
            trigger: "a.o_grc_file_reclamation",
            run: "click",
        },
        {
            content: "Choose the reason",
            trigger: "select[name=reason_id]",
            run: "selectByLabel Late answer",
        },
        {
            content: "The request is already chosen",
            trigger: "select[name=ticket_id] option[selected]:contains(DEM-):not(:visible)",
        },
        {
            content: "Subject",
            trigger: "input[name=subject]",
            run: "edit Lampadaire toujours en panne",
        },
        {
            content: "What happened",
            trigger: "textarea[name=description]",
            run: "edit Signalé il y a six semaines, toujours aucune intervention.",
        },
        {
            content: "Send",
            trigger: "button.o_grc_submit_reclamation",
            run: "click",
        },
        {
            content: "The complaint is received",
            trigger:
                ".o_grc_reclamation_portal:contains(Lampadaire toujours en panne) .o_grc_reclamation_stage:contains(Received)",
        },
        {
            // The page loads its chatter after the content: let it finish, so
            // the browser is not stopped in the middle of that request.
            content: "The conversation is shown",
            trigger: "#chatterRoot:shadow .o-mail-Thread",
        },
    ],
});

// 2. The complaints officer analyses it, adds a corrective action and sends the letter.
registry.category("web_tour.tours").add("grc_reclamation_officer_answer", {
    steps: () => [
        {
            content: "Admissible",
            trigger: ".o_form_view button[name=action_admissible]",
            run: "click",
        },
        {
            content: "Start the analysis",
            trigger: ".o_form_view button[name=action_start_analysis]",
            run: "click",
        },
        {
            content: "Open the analysis",
            trigger: ".o_notebook_headers a[name=analysis]",
            run: "click",
        },
        {
            content: "Root cause",
            trigger: ".o_field_widget[name=root_cause_id] input",
            run: "edit Workload",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Workload or staffing)",
            run: "click",
        },
        {
            content: "The root cause is set before going on",
            trigger: ".o_field_widget[name=root_cause_id] input:value(Workload or staffing)",
        },
        {
            content: "The complaint is justified",
            trigger: ".o_field_widget[name=justification] input[data-value=justified]",
            run: "click",
        },
        {
            content: "The verdict is set before a line is added (its onchange re-renders the form)",
            trigger: ".o_field_widget[name=justification] input[data-value=justified]:checked",
        },
        {
            content: "Add a corrective action",
            trigger: ".o_field_widget[name=action_ids] .o_field_x2many_list_row_add a",
            async run(helpers) {
                // On a loaded machine a click landing while the form renders
                // again is lost: click again (never twice within 8 s) until
                // the new line is open for editing.
                const addLink = ".o_field_widget[name=action_ids] .o_field_x2many_list_row_add a";
                const newLine = ".o_field_widget[name=action_ids] .o_selected_row";
                for (let attempt = 0; attempt < 3 && !document.querySelector(newLine); attempt++) {
                    await helpers.click(attempt ? addLink : undefined);
                    for (let wait = 0; wait < 80 && !document.querySelector(newLine); wait++) {
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                }
            },
        },
        {
            content: "Describe it",
            trigger: ".o_field_widget[name=action_ids] .o_selected_row .o_field_widget[name=name] input",
            run: "edit Renfort de l'équipe d'éclairage public",
        },
        {
            content: "Look at the answer while the line is still being edited",
            trigger: ".o_notebook_headers a[name=answer]",
            run: "click",
        },
        {
            content: "The answer page is shown, without an error",
            trigger: ".o_field_html[name=answer_body]",
        },
        {
            content: "Back to the analysis",
            trigger: ".o_notebook_headers a[name=analysis]",
            run: "click",
        },
        {
            content: "The line typed is still there",
            trigger: ".o_field_widget[name=action_ids] .o_data_row",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The action is recorded",
            trigger:
                ".o_field_widget[name=action_ids] .o_data_row:not(.o_selected_row):contains(Renfort)",
        },
        {
            content: "Write the answer",
            trigger: ".o_notebook_headers a[name=answer]",
            run: "click",
        },
        {
            trigger: ".o_field_html[name=answer_body] .odoo-editor-editable",
            run: "editor Nous avons renforcé l'équipe d'éclairage public.",
        },
        {
            content: "Answer drafted",
            trigger: ".o_form_view button[name=action_draft_answer]",
            run: "click",
        },
        {
            content: "Send the answer",
            trigger: ".o_form_view button[name=action_send_answer]",
            run: "click",
        },
        {
            content: "Send the mail with the letter",
            trigger: ".modal .o_mail_send",
            run: "click",
        },
        {
            content: "The complaint is answered",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Answered)",
        },
    ],
});

// 3. The citizen reads the answer and says it satisfies them.
registry.category("web_tour.tours").add("grc_reclamation_portal_read", {
    steps: () => [
        {
            content: "The answer is there",
            trigger: ".o_grc_reclamation_answer:contains(renforcé l'équipe)",
        },
        {
            content: "With its letter",
            trigger: "a.o_grc_answer_letter",
        },
        {
            content: "Satisfied",
            trigger: "button.o_grc_satisfied",
            run: "click",
        },
        {
            content: "The opinion is recorded",
            trigger: ".o_grc_reclamation_satisfaction:contains(You told us)",
        },
        {
            // The page loads its chatter after the content: let it finish, so
            // the browser is not stopped in the middle of that request.
            content: "The conversation is shown",
            trigger: "#chatterRoot:shadow .o-mail-Thread",
        },
    ],
});
