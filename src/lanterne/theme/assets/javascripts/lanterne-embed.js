/* Lanterne's embed pages: talk to the host window (height, open, search, suggest) and show suggestions.
 * Only with the origins the site allows (body[data-lt-origins]): any other parent gets no answer and moves nothing. */
"use strict";
(() => {
  const { field, isArticleId, listRow } = window.LanterneShared;
  const body = document.body;
  const root = body.dataset.ltRoot;
  const home = body.dataset.ltHome;
  const api = body.dataset.ltApi;
  const lang = document.documentElement.lang;
  const host = window.parent !== window ? window.parent : null;

  /* The site's own origin (its address, or this page's without site_url) and extra.lanterne.embed_origins. */
  const allowed = JSON.parse(body.dataset.ltOrigins || "[null]").map((address) => (address ? new URL(address).origin : location.origin));
  const isAllowed = (origin) => allowed.includes(origin);
  // The parent's origin once known: Chromium and Safari name it at once, its first allowed message in any browser.
  const ancestors = location.ancestorOrigins;
  let parentOrigin = host && ancestors && ancestors.length && ancestors[0] !== "null" ? ancestors[0] : null;
  const obeyed = !parentOrigin || isAllowed(parentOrigin);

  function post(type, data) {
    if (!host) return;
    const message = { source: "lanterne", type, ...data };
    // Never "*". While the parent's origin is unknown, address each allowed origin: the browser delivers the
    // message only if one of them is the parent's, and drops the others.
    for (const origin of (parentOrigin ? [parentOrigin] : allowed).filter(isAllowed)) host.postMessage(message, origin);
  }

  /* The host sizes its iframe to the content: report the height whenever it changes. */
  let lastHeight = 0;
  function reportHeight() {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post("height", { height });
    }
  }

  const embedUrl = (path) => `${root}embed/${path}`;

  /* Open an article by id, from the API document of that very id; anything else gets one generic error. */
  async function openArticle(id) {
    const unknown = () => post("error", { error: "unknown article" });
    if (!isArticleId(id)) return unknown();
    try {
      const response = await fetch(`${api}articles/${id}.json`);
      if (!response.ok) return unknown();
      const article = await response.json();
      const path = field(article, "path");
      if (field(article, "id") !== id || !isPagePath(path)) return unknown();
      location.assign(embedUrl(path));
    } catch {
      unknown();
    }
  }

  /* A page's site path as the API writes it (factures/envoyer/): relative, and never out of embed/. */
  function isPagePath(path) {
    return typeof path === "string" && !/^\/|[\\?#]|(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path);
  }

  function goHome(query) {
    location.assign(`${home}?${new URLSearchParams(query)}`);
  }

  /* The help centre's search box (lanterne-search.js) does the searching: feed it the host's query. */
  function search(query) {
    const input = document.querySelector("form[data-lt-search] input[type=search]");
    if (!input) return goHome({ q: query });
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  }

  /* Context globs: * is one path segment, ** any number of them, ? one character. */
  function globToRegExp(glob) {
    const pattern = glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*\*|\*|\?/g, (token) => (token === "**" ? ".*" : token === "*" ? "[^/]*" : "[^/]"));
    return new RegExp(`^${pattern}/?$`);
  }

  function suggest(path) {
    const section = document.querySelector(".lt-embed__suggested");
    if (!section) return goHome({ path });
    const rules = JSON.parse(section.querySelector(".lt-embed__contexts").textContent);
    const clean = String(path || "").split(/[?#]/)[0];
    const matches = rules.filter((rule) => rule.context.some((glob) => globToRegExp(glob).test(clean)));
    section.querySelector("ul").replaceChildren(...matches.map((rule) => listRow({ url: rule.href, title: rule.title })));
    section.hidden = matches.length === 0;
    reportHeight();
  }

  window.addEventListener("message", (event) => {
    if (!host || event.source !== host || !isAllowed(event.origin)) return;
    parentOrigin = event.origin;
    const data = event.data;
    if (field(data, "source") !== "lanterne") return;
    const type = field(data, "type");
    const value = field(data, type === "search" ? "query" : "path");
    // Say so first: an open or a suggest may leave this page, and the widget must not send the request again.
    if (type === "open" || type === "search" || type === "suggest") post("received", { request: type });
    if (type === "open") openArticle(field(data, "id"));
    else if (type === "search" && typeof value === "string") search(value);
    else if (type === "suggest" && typeof value === "string") suggest(value);
    else if (type === "back") history.back();
  });

  // A parent the browser names and the site does not allow gets nothing done through the address either.
  const params = obeyed ? new URLSearchParams(location.search) : new URLSearchParams();

  /* The home of the default language sends the panel on to the host's language. */
  const homes = JSON.parse(body.dataset.ltHomes || "null");
  const wanted = params.get("lang");
  if (homes && wanted && wanted !== lang && Object.hasOwn(homes, wanted)) {
    params.delete("lang");
    location.replace(homes[wanted] + (params.toString() ? `?${params}` : ""));
    return;
  }

  if (params.get("open")) openArticle(params.get("open"));
  // The search script runs after this one: give it the query once the page is ready.
  if (params.get("q")) window.addEventListener("load", () => search(params.get("q")));
  if (params.get("path")) suggest(params.get("path"));

  // Leaving for another page: until that one says "ready", a message sent here would find no one.
  window.addEventListener("pagehide", () => post("leaving", {}));
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.documentElement);
  window.addEventListener("load", reportHeight);
  post("ready", { kind: body.className.replace(/.*lt-embed--(\w+).*/, "$1"), title: document.title, url: location.href });
  reportHeight();
})();
