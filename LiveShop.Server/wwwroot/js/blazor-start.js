// Starts Blazor (blazor.web.js is loaded with autostart="false") in the page's language, and keeps a tap on Buy
// that comes before WebAssembly runs.
//
// The server prerendered the page in the person's language and wrote it into <html lang>. Handing it to the
// WebAssembly runtime as its application culture makes the runtime download only the ICU shard that language
// needs (icudt_EFIGS.dat for English, icudt_no_CJK.dat for Greek, icudt_CJK.dat for Chinese) instead of all of
// icudt.dat, whatever the browser's own language is, and start .NET in that culture (see docs/first-visit.md).
// An external file, not an inline script: the Content-Security-Policy admits scripts from 'self'.
Blazor.start({
    webAssembly: {
        applicationCulture: document.documentElement.lang || 'en',
    },
});

// Early taps (docs/first-visit.md): a phone paints the prerendered show in about a second, but its buttons have no
// handlers until WebAssembly has booted, seconds later on a first visit. A tap on a prerendered button marked
// data-early-tap is not lost: the button shows that it is working (aria-busy), and once the app runs (the layout's
// app-ready marker) the live page's button with the same key is clicked for the viewer. The last such tap wins.
// Only the buttons prerendered with this page are taken (marked below, as this script runs after them): a button
// the live app rendered has its own handler, even in the moment before the marker says so.
(() => {
    const giveUpAfterReadyMs = 10000;
    const ready = () => document.querySelector("[data-testid='app-ready'][data-ready='true']") !== null;
    document.querySelectorAll('[data-early-tap]').forEach(b => { b.liveShopPrerendered = true; });
    let pending = null;
    let observer = null;
    let giveUp = null;

    const stop = () => {
        pending = null;
        observer?.disconnect();
        observer = null;
        clearTimeout(giveUp);
        document.querySelectorAll("[data-early-tap][aria-busy='true']").forEach(b => b.removeAttribute('aria-busy'));
    };

    const replay = () => {
        if (pending === null || !ready()) {
            return;
        }
        giveUp ??= setTimeout(stop, giveUpAfterReadyMs); // the product left the lineup, or never renders
        const button = [...document.querySelectorAll(`[data-early-tap="${CSS.escape(pending)}"]`)].find(b => !b.liveShopPrerendered);
        if (button === undefined) {
            return; // not rendered yet by the live page: wait for the next change
        }
        stop();
        if (!button.disabled) {
            button.click();
        }
    };

    document.addEventListener('click', event => {
        const button = event.target instanceof Element ? event.target.closest('[data-early-tap]') : null;
        if (button === null || !button.liveShopPrerendered || button.disabled) {
            return;
        }
        event.preventDefault();
        document.querySelectorAll("[data-early-tap][aria-busy='true']").forEach(b => b.removeAttribute('aria-busy'));
        button.setAttribute('aria-busy', 'true');
        pending = button.getAttribute('data-early-tap');
        if (observer === null) {
            observer = new MutationObserver(replay);
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
        }
        replay();
    }, true);
})();
