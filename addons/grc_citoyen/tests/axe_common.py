# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""axe-core (static/lib/axe-core, pinned) run in Chromium on the pages of the
portal, in their normal and error states. Addons that serve portal pages
check theirs with AxeCase.assertAxeClean."""

import json

from odoo.tests import HttpCase

AXE_URL = "/grc_citoyen/static/lib/axe-core/axe.min.js"
# The WCAG 2.1 A and AA rules, those RGAA 4.1 follows.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Run in Chromium: each case is loaded in a frame of the same origin (one
# browser for many pages), its form filled and sent when the case says so
# (error states), then axe-core runs on the frame's document. Every
# critical or serious violation is reported with the elements at fault.
AXE_DRIVER = """
(async () => {
    const cases = %(cases)s;
    const failures = [];
    const load = (frame) => new Promise((resolve) => {
        frame.addEventListener("load", resolve, {once: true});
    });
    for (const item of cases) {
        const frame = document.createElement("iframe");
        frame.style.width = "1280px";
        frame.style.height = "900px";
        let loaded = load(frame);
        frame.src = item.path;
        document.body.appendChild(frame);
        await loaded;
        let doc = frame.contentDocument;
        if (item.submit) {
            let form = doc.querySelector(item.submit.form);
            for (let wait = 0; !form && wait < 50; wait++) {
                await new Promise((resolve) => setTimeout(resolve, 100));
                doc = frame.contentDocument;
                form = doc.querySelector(item.submit.form);
            }
            if (!form) {
                failures.push(
                    `${item.path}: no form ${item.submit.form} in ${doc.location.href}`
                );
                frame.remove();
                continue;
            }
            for (const [name, value] of Object.entries(item.submit.fields || {})) {
                for (const field of form.querySelectorAll(`[name="${name}"]`)) {
                    field.value = value;
                }
            }
            for (const field of form.querySelectorAll("[required]")) {
                // The browser's own check would stop the server's error page.
                field.removeAttribute("required");
            }
            form.noValidate = true;
            loaded = load(frame);
            HTMLFormElement.prototype.submit.call(form);
            await loaded;
            doc = frame.contentDocument;
        }
        if (item.focus) {
            // The page sent back opens on its message (grc_focus_message.js).
            let focused = null;
            for (let wait = 0; wait < 30; wait++) {
                focused = doc.activeElement;
                if (focused && focused.matches(item.focus)) {
                    break;
                }
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            if (!focused || !focused.matches(item.focus)) {
                failures.push(
                    `${item.label || item.path}: focus on ` +
                    `${focused ? focused.outerHTML.slice(0, 120) : "nothing"}, ` +
                    `not on ${item.focus}`
                );
            }
        }
        const script = doc.createElement("script");
        const axeLoaded = new Promise((resolve, reject) => {
            script.onload = resolve;
            script.onerror = reject;
        });
        script.src = "%(axe_url)s";
        doc.head.appendChild(script);
        await axeLoaded;
        const result = await frame.contentWindow.axe.run(doc, {
            runOnly: {type: "tag", values: %(tags)s},
            resultTypes: ["violations"],
        });
        for (const violation of result.violations) {
            if (["critical", "serious"].includes(violation.impact)) {
                const nodes = violation.nodes.slice(0, 5).map(
                    (node) => `${node.target.join(" ")} (${node.failureSummary})`
                );
                failures.push(
                    `${item.label || item.path}: [${violation.impact}] ` +
                    `${violation.id}: ${violation.help}: ${nodes.join(" | ")}`
                );
            }
        }
        frame.remove();
    }
    if (failures.length) {
        throw new Error(`axe-core violations:\\n${failures.join("\\n")}`);
    }
})().then(
    () => console.log("test successful"),
    (error) => console.error(error.message)
);
"""


class AxeCase(HttpCase):
    """axe-core on pages of the portal: zero critical, zero serious."""

    def assertAxeClean(self, cases, login=None):
        """``cases``: paths, or dicts {"path", "label", "submit": {"form":
        selector, "fields": {name: value}}, "focus": selector} for a page
        sent back with errors (or a confirmation); ``focus``: the element
        that must have the focus once the page is loaded.
        Every case is checked in one browser, signed in as ``login``."""
        cases = [case if isinstance(case, dict) else {"path": case} for case in cases]
        self.browser_js(
            "/web/login" if login is None else "/my",
            AXE_DRIVER
            % {
                "cases": json.dumps(cases),
                "axe_url": AXE_URL,
                "tags": json.dumps(AXE_TAGS),
            },
            ready="document.readyState === 'complete'",
            login=login,
            timeout=60 + 20 * len(cases),
        )
