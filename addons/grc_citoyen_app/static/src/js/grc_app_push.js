/** Notifications on the phone (/my/notifications): subscribes this phone to
 * web push with the database's VAPID key (Odoo's own) and registers it, or
 * forgets it. Works in the installed app and in any browser offering push. */

function base64UrlToBytes(value) {
    const padded = (value + "=".repeat((4 - (value.length % 4)) % 4))
        .replace(/-/g, "+")
        .replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}

function csrfToken() {
    return document.querySelector("#grc_push_consent_form input[name='csrf_token']")?.value || "";
}

async function post(url, fields) {
    const body = new URLSearchParams({ csrf_token: csrfToken(), ...fields });
    const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
    const result = await response.json().catch(() => ({ ok: false }));
    if (!response.ok || !result.ok) {
        throw new Error(result.error || response.statusText);
    }
    return result;
}

async function setUp(section) {
    const status = section.querySelector(".grc_push_status");
    const enable = section.querySelector(".grc_push_enable");
    const disable = section.querySelector(".grc_push_disable");
    const denied = section.querySelector(".grc_push_denied");
    const on = section.querySelector(".grc_push_on");
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !window.isSecureContext) {
        return; // the page says to open it in the installed app
    }
    const registration = await navigator.serviceWorker.ready;
    const show = async () => {
        const subscription = await registration.pushManager.getSubscription();
        enable.classList.toggle("d-none", Boolean(subscription));
        disable.classList.toggle("d-none", !subscription);
        denied.classList.toggle("d-none", Notification.permission !== "denied");
        on.classList.toggle("d-none", !subscription);
        status.textContent = "";
    };
    enable.addEventListener("click", async () => {
        try {
            if ((await Notification.requestPermission()) !== "granted") {
                await show();
                return;
            }
            let subscription = await registration.pushManager.getSubscription();
            if (!subscription) {
                subscription = await registration.pushManager.subscribe({
                    userVisibleOnly: true,
                    applicationServerKey: base64UrlToBytes(section.dataset.vapidPublicKey),
                });
            }
            await post("/grc-app/push/subscribe", { subscription: JSON.stringify(subscription) });
            window.location.reload();
        } catch (error) {
            status.textContent = error.message;
        }
    });
    disable.addEventListener("click", async () => {
        const subscription = await registration.pushManager.getSubscription();
        if (subscription) {
            await post("/grc-app/push/unsubscribe", { endpoint: subscription.endpoint }).catch(() => {});
            await subscription.unsubscribe();
        }
        window.location.reload();
    });
    await show();
}

function start() {
    const section = document.getElementById("grc_push_this_device");
    if (section) {
        setUp(section).catch(() => {
            // no push here (private browsing, old browser): the page stays as served
        });
    }
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
} else {
    start();
}
