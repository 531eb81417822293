/** Reports made without network, kept on the phone (IndexedDB) with their
 * idempotency key and sent once the network is back: the server files a
 * request once per key, so a report sent twice (two tabs, a retry after a
 * lost answer) is never duplicated; a report the server refuses stays on the
 * phone, shown to the citizen, until they remove it. */
import { _t } from "@web/core/l10n/translation";

const DB_NAME = "grc-app";
const STORE = "reports";
const USED = "used-keys";

function openDb() {
    return new Promise((resolve, reject) => {
        const open = indexedDB.open(DB_NAME, 1);
        open.onupgradeneeded = () => {
            open.result.createObjectStore(STORE, { keyPath: "key" });
            open.result.createObjectStore(USED);
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
    });
}

async function run(storeName, mode, action) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
        const tx = db.transaction(storeName, mode);
        const result = action(tx.objectStore(storeName));
        tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
        tx.onerror = () => reject(tx.error);
    });
}

export function newKey() {
    if (window.crypto && crypto.randomUUID) {
        return crypto.randomUUID();
    }
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** A form's key once sent or queued: a copy of the page (kept offline) that
 * still carries it gets a new one, or its report would be taken for the first. */
export async function markKeyUsed(key) {
    await run(USED, "readwrite", (store) => store.put(Date.now(), key));
}

export async function isKeyUsed(key) {
    return Boolean(await run(USED, "readonly", (store) => store.get(key)));
}

export async function pendingReports() {
    return (await run(STORE, "readonly", (store) => store.getAll())) || [];
}

export async function removeReport(key) {
    await run(STORE, "readwrite", (store) => store.delete(key));
    await renderPending();
}

async function session() {
    const response = await fetch("/grc-app/session", { credentials: "same-origin", cache: "no-store" });
    return response.json();
}

/** Keep the form's report on the phone; ``entries`` are the form's fields,
 * files as Blobs; ``uid``: the account it is sent for, and only for it. */
export async function queueReport({ key, action, typeName, uid, entries }) {
    const report = {
        key,
        action,
        typeName,
        uid,
        created: new Date().toISOString(),
        state: "waiting",
        fields: entries.filter(([, value]) => typeof value === "string"),
        files: entries
            .filter(([, value]) => typeof value !== "string")
            .map(([name, file]) => ({ name, filename: file.name, type: file.type, blob: file })),
    };
    await run(STORE, "readwrite", (store) => store.put(report));
    await markKeyUsed(key);
    await renderPending();
    return report;
}

function formData(report, csrf) {
    const data = new FormData();
    for (const [name, value] of report.fields) {
        if (name !== "csrf_token") {
            data.append(name, value);
        }
    }
    data.append("csrf_token", csrf);
    for (const file of report.files) {
        data.append(file.name, new File([file.blob], file.filename, { type: file.type }));
    }
    return data;
}

const SENT_URL = /\/my\/requests\/\d+/;

async function sendAll() {
    const reports = (await pendingReports()).filter((report) => report.state === "waiting");
    if (!reports.length || !navigator.onLine) {
        return;
    }
    let info;
    try {
        info = await session();
    } catch {
        return; // still offline in fact: tried again at the next "online"
    }
    for (const report of reports) {
        if (!info.signed_in || report.uid !== info.uid) {
            continue; // sent by the citizen who made it, once signed in
        }
        let response;
        try {
            response = await fetch(report.action, {
                method: "POST",
                body: formData(report, info.csrf_token),
                credentials: "same-origin",
                redirect: "follow",
            });
        } catch {
            return; // the network went away again
        }
        if (response.redirected && SENT_URL.test(response.url)) {
            await run(STORE, "readwrite", (store) => store.delete(report.key));
        } else {
            report.state = "refused";
            await run(STORE, "readwrite", (store) => store.put(report));
        }
    }
}

/** Send what waits, once at a time across the app's tabs. */
export async function syncReports() {
    if (navigator.locks) {
        await navigator.locks.request("grc-app-sync", sendAll);
    } else {
        await sendAll();
    }
    await renderPending();
}

export async function renderPending() {
    const banner = document.getElementById("grc_app_pending");
    if (!banner || !window.indexedDB) {
        return;
    }
    const reports = await pendingReports();
    banner.classList.toggle("d-none", !reports.length);
    banner.querySelector(".grc_app_pending_count").textContent = String(reports.length);
    const list = banner.querySelector(".grc_app_pending_list");
    list.replaceChildren();
    for (const report of reports) {
        const item = document.createElement("li");
        item.dataset.key = report.key;
        const when = new Date(report.created).toLocaleString();
        const state =
            report.state === "waiting"
                ? _t("Waiting to be sent")
                : _t("Refused by the server: make this report again online");
        item.textContent = [report.typeName || "", "(" + when + "):", state, ""].join(" ");
        if (report.state !== "waiting") {
            const remove = document.createElement("button");
            remove.type = "button";
            remove.className = "btn btn-link btn-sm p-0 align-baseline";
            remove.textContent = _t("Remove");
            remove.addEventListener("click", () => removeReport(report.key));
            item.appendChild(remove);
        }
        list.appendChild(item);
    }
}

if (window.indexedDB) {
    window.addEventListener("online", () => syncReports());
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", () => syncReports());
    } else {
        syncReports();
    }
}
