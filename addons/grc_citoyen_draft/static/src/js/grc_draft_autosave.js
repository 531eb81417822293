/** @odoo-module **/
// Autosave of the démarche form for signed-in citizens: a few seconds
// after they stop typing, the texts of the form are saved in their draft
// (files are kept by "Save and continue later"). Without JavaScript, the
// button alone saves.
import {_t} from "@web/core/l10n/translation";

const DELAY_MS = 3000;

function setup(form) {
    const url = form.dataset.grcAutosave;
    const draftInput = form.querySelector("input[name='grc_draft_id']");
    const status = form.querySelector("#grc_draft_status");
    let timer = null;
    let sending = false;

    async function save() {
        if (sending) {
            timer = setTimeout(save, DELAY_MS);
            return;
        }
        sending = true;
        const data = new FormData(form);
        for (const input of form.querySelectorAll("input[type='file']")) {
            data.delete(input.name);
        }
        data.delete("grc_save_draft");
        try {
            const response = await fetch(url, {method: "POST", body: data});
            if (response.ok) {
                const result = await response.json();
                if (result.draft_id && draftInput) {
                    draftInput.value = result.draft_id;
                    if (status) {
                        status.textContent = _t("Draft saved at %s", result.saved_at);
                    }
                }
            }
        } catch {
            // Offline: the next change tries again; nothing typed is lost.
        } finally {
            sending = false;
        }
    }

    function schedule(event) {
        if (event.target.type === "file") {
            return;
        }
        clearTimeout(timer);
        timer = setTimeout(save, DELAY_MS);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", () => clearTimeout(timer));
}

function start() {
    for (const form of document.querySelectorAll("form.grc_request_form[data-grc-autosave]")) {
        setup(form);
    }
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
} else {
    start();
}
