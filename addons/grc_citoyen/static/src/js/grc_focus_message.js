/** @odoo-module **/
// A page sent back after a form opens on what it says: the summary of the
// errors, the field in error or the confirmation (marked data-grc-focus).
// The focus moves there, so that keyboard and screen reader users start
// from it and hear it (RGAA 11.10, 7.5). Without JavaScript, the message is
// still announced by its role (alert or status).
function focusMessage() {
    const target = document.querySelector("[data-grc-focus]");
    if (!target || target.contains(document.activeElement)) {
        return;
    }
    if (!target.matches("input, textarea, select, button, a[href], [tabindex]")) {
        target.setAttribute("tabindex", "-1");
    }
    target.focus();
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusMessage);
} else {
    focusMessage();
}
