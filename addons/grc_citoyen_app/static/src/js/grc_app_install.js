/** The installable portal: registers the service worker (scope /), offers
 * to install the app (Android's install prompt) or explains how (iOS). */

const DISMISS_KEY = "grc-app-install-dismissed";

function isStandalone() {
    return (
        window.matchMedia("(display-mode: standalone)").matches || window.navigator.standalone === true
    );
}

function isIos() {
    return /iphone|ipad|ipod/i.test(navigator.userAgent) && !window.MSStream;
}

function dismissed() {
    try {
        return Boolean(localStorage.getItem(DISMISS_KEY));
    } catch {
        return true;
    }
}

function setUp() {
    const banner = document.getElementById("grc_app_install_banner");
    let deferredPrompt = null;
    const show = (selector) => {
        for (const element of document.querySelectorAll(selector)) {
            element.classList.remove("d-none");
        }
    };
    if (banner && !isStandalone() && !dismissed() && isIos()) {
        show(".grc_app_ios_link");
        banner.classList.remove("d-none");
    }
    window.addEventListener("beforeinstallprompt", (event) => {
        event.preventDefault();
        deferredPrompt = event;
        show(".grc_app_install_button");
        if (banner && !dismissed()) {
            banner.classList.remove("d-none");
        }
    });
    for (const button of document.querySelectorAll(".grc_app_install_button")) {
        button.addEventListener("click", async () => {
            if (!deferredPrompt) {
                return;
            }
            deferredPrompt.prompt();
            await deferredPrompt.userChoice;
            deferredPrompt = null;
            banner?.classList.add("d-none");
        });
    }
    banner?.querySelector(".grc_app_install_dismiss")?.addEventListener("click", () => {
        try {
            localStorage.setItem(DISMISS_KEY, "1");
        } catch {
            // private browsing: the banner comes back next time
        }
        banner.classList.add("d-none");
    });
    window.addEventListener("appinstalled", () => banner?.classList.add("d-none"));
    // Signing out: the pages kept for this person go.
    document.addEventListener("click", (event) => {
        const link = event.target.closest && event.target.closest("a[href*='/web/session/logout']");
        if (link && navigator.serviceWorker?.controller) {
            navigator.serviceWorker.controller.postMessage({ type: "grc-app-signed-out" });
        }
    });
}

if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/grc-app-sw.js", { scope: "/" }).catch(() => {
        // No worker (private mode, old browser): the portal works online.
    });
}
if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
} else {
    setUp();
}
