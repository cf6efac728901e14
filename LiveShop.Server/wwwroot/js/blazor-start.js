// Starts Blazor (blazor.web.js is loaded with autostart="false") in the page's language.
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
