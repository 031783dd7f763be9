/* Lanterne's help widget for your web application: one <script> tag, a help button, a panel of embed/.
 *
 *   <script src="https://aide.example.com/assets/lanterne-widget.js" data-lang="fr" async></script>
 *
 * data-site: the help centre's address (default: where this script comes from); data-lang: the panel's
 * language (default: the host page's <html lang>); data-label: the button's label; data-button="false"
 * hides the button (open the panel from your own UI with the API).
 * API: Lanterne.open(id), Lanterne.search(query), Lanterne.suggest(path), Lanterne.show(), Lanterne.close().
 * With `async`, the API exists once the script has run: the document then receives a "lanterne:ready" event.
 * The help centre must list this page's origin in extra.lanterne.embed_origins: its panel talks to no other.
 */
"use strict";
(() => {
  if (window.Lanterne && window.Lanterne.version) return;
  // The build writes lanterne-shared.js here: the widget stays one file on the host's page.
  // lanterne:shared
  const { field } = window.LanterneShared;
  const script = document.currentScript;
  const data = script ? script.dataset : {};
  const site = new URL(data.site || "../", data.site ? location.href : script.src);
  if (!site.pathname.endsWith("/")) site.pathname += "/";
  const lang = (data.lang || document.documentElement.lang || "").slice(0, 2).toLowerCase();
  const english = ["Help", "Close help", "Back"];
  const labels = { fr: ["Aide", "Fermer l'aide", "Retour"], en: english, de: ["Hilfe", "Hilfe schließen", "Zurück"] }[lang] || english;
  const buttonLabel = data.label || labels[0];
  // The help centre's name and its brand colour (extra.lanterne.brand_color) with the text colour that reads on it:
  // the build writes them on the next line.
  const built = { name: "", brand: "#0f6e5c", onBrand: "#ffffff" }; // lanterne:build

  const container = document.createElement("div");
  container.setAttribute("data-lanterne", "");
  const shadow = container.attachShadow({ mode: "open" });
  shadow.innerHTML =
    "<style>" +
    `:host{all:initial;--lt-brand:${built.brand};--lt-on-brand:${built.onBrand}}` +
    ".button{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;" +
    "padding:12px 18px;border:0;border-radius:999px;background:var(--lt-brand);color:var(--lt-on-brand);font:600 15px system-ui,sans-serif;" +
    "box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}" +
    ".button:focus-visible,.close:focus-visible,.back:focus-visible{outline:3px solid #f5a524;outline-offset:2px}" +
    ".panel{position:fixed;right:20px;bottom:80px;z-index:2147483000;display:flex;flex-direction:column;" +
    "width:min(400px,calc(100vw - 24px));max-height:min(680px,calc(100vh - 100px));overflow:hidden;background:#fff;" +
    "border-radius:14px;box-shadow:0 8px 32px rgba(0,0,0,.3)}" +
    ".panel[hidden]{display:none}" +
    /* The header: back, the help centre's name, close; in the brand colour. */
    ".bar{flex:none;display:grid;grid-template-columns:44px 1fr 44px;align-items:center;min-height:52px;padding:0 4px;" +
    "background:var(--lt-brand);color:var(--lt-on-brand);font:700 16px/1.25 system-ui,sans-serif}" +
    ".title{overflow:hidden;text-align:center;text-overflow:ellipsis;white-space:nowrap}" +
    ".close,.back{display:flex;align-items:center;justify-content:center;width:40px;height:40px;padding:0;border:0;" +
    "border-radius:8px;background:none;color:inherit;cursor:pointer}" +
    ".close:hover,.back:hover{background:rgba(127,127,127,.25)}" +
    ".close svg,.back svg{width:22px;height:22px;fill:currentColor}" +
    ".back[hidden]{visibility:hidden;display:flex}" +
    ".body{flex:1 1 auto;overflow:auto}" +
    "iframe{display:block;width:100%;height:420px;border:0}" +
    "@media (max-width:480px){.panel{right:12px;bottom:72px}}" +
    "</style>" +
    '<div class="panel" role="dialog" hidden><div class="bar">' +
    '<button class="back" type="button" hidden><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15.4 16.6 10.8 12l4.6-4.6L14 6l-6 6 6 6z"/></svg></button>' +
    '<span class="title"></span>' +
    '<button class="close" type="button"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z"/></svg></button>' +
    '</div><div class="body"><iframe title=""></iframe></div></div>' +
    '<button class="button" type="button" aria-expanded="false"><span aria-hidden="true">?</span><span class="label"></span></button>';
  const panel = shadow.querySelector(".panel");
  const frame = shadow.querySelector("iframe");
  const button = shadow.querySelector(".button");
  const close = shadow.querySelector(".close");
  const back = shadow.querySelector(".back");
  back.setAttribute("aria-label", labels[2]);
  shadow.querySelector(".title").textContent = built.name || buttonLabel;
  button.querySelector(".label").textContent = buttonLabel;
  panel.setAttribute("aria-label", built.name || buttonLabel);
  frame.title = buttonLabel;
  close.setAttribute("aria-label", labels[1]);
  if (data.button === "false") button.hidden = true;
  let ready = false;
  // The last request posted to the panel's page that it has not said it received: a page that was still loading, or
  // leaving, never heard it, so the next page to say "ready" gets it again.
  let pending = null;

  function homeUrl(query) {
    const url = new URL("embed/", site);
    if (lang) url.searchParams.set("lang", lang);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.href;
  }

  function load(query) {
    ready = false;
    pending = null;
    frame.src = homeUrl(query);
  }

  /* Once the panel has a page, talk to it; before that, ask its home through the address. */
  function send(type, payload, query) {
    reveal();
    if (!ready) return load(query);
    const message = { source: "lanterne", type, ...payload };
    pending = message;
    frame.contentWindow.postMessage(message, site.origin);
  }

  function show() {
    if (!frame.getAttribute("src")) load({ path: location.pathname });
    reveal();
  }

  function reveal() {
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
  }

  function hide() {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  button.addEventListener("click", () => {
    if (!panel.hidden) return hide();
    show();
    frame.focus();
  });
  close.addEventListener("click", hide);
  // The panel's own history is out of reach across origins: ask the page to go back.
  back.addEventListener("click", () => {
    frame.contentWindow.postMessage({ source: "lanterne", type: "back" }, site.origin);
  });
  shadow.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });

  // Only the panel's page, from the help centre's origin, talks to the widget.
  window.addEventListener("message", (event) => {
    const message = event.data;
    if (event.source !== frame.contentWindow || event.origin !== site.origin || field(message, "source") !== "lanterne") return;
    const type = field(message, "type");
    const height = field(message, "height");
    if (type === "ready") {
      ready = true;
      back.hidden = field(message, "kind") === "home";
      if (pending) frame.contentWindow.postMessage(pending, site.origin);
    } else if (type === "received") pending = null;
    else if (type === "leaving") ready = false;
    else if (type === "height" && typeof height === "number" && height > 0 && height < 1e6) frame.style.height = `${Math.ceil(height)}px`;
  });

  function start() {
    document.body.appendChild(container);
    document.dispatchEvent(new CustomEvent("lanterne:ready"));
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);

  window.Lanterne = {
    version: 1,
    open: (id) => send("open", { id: String(id) }, { open: String(id) }),
    search: (query) => send("search", { query: String(query) }, { q: String(query) }),
    suggest: (path) => {
      const value = String(path || location.pathname);
      send("suggest", { path: value }, { path: value });
    },
    show: () => show(),
    close: hide,
  };
})();
