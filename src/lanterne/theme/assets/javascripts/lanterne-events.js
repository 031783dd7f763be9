// Lanterne events: what readers did, for the help centre's own figures (views, searches and the result opened,
// contact clicks), sent to the feedback service in the background, in batches. No cookie, nothing stored in the
// browser, no identifier: the service counts a reader as a hash of the day it cannot link to the next. A browser that
// says Do Not Track or Global Privacy Control sends nothing; `extra.lanterne.analytics: false` leaves this script out.
"use strict";
(() => {
  const { field, pageConfig } = window.LanterneShared;
  const settings = field(pageConfig(), "events");
  const declined = navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true;
  if (!settings || declined) return;

  const MAX_BATCH = 50; // the service's limit per request
  const FLUSH_MS = 10000;
  const CONTACT_LINKS = ".lt-contact__link, .lt-reactions__contact a, .lt-search__contact";
  const queue = [];
  let timer;
  let pending = null; // the last search shown and not (yet) followed by a click: {query, lang}

  /** The app's page an embed panel opened on (?path=, here or on the embed page that led here), without its query. */
  function context() {
    if (settings.surface !== "embed") return undefined;
    let path = new URLSearchParams(location.search).get("path");
    if (!path && document.referrer) {
      const from = new URL(document.referrer);
      if (from.origin === location.origin) path = from.searchParams.get("path");
    }
    return path ? path.split(/[?#]/)[0].slice(0, 200) : undefined;
  }

  /** Send what is queued, MAX_BATCH at a time; keepalive lets a request outlive the page it leaves. */
  function flush() {
    clearTimeout(timer);
    timer = undefined;
    while (queue.length) {
      const body = JSON.stringify({
        events: queue.splice(0, MAX_BATCH),
        audience: settings.audience,
        surface: settings.surface,
        context: context(),
      });
      // text/plain needs no preflight; the login goes only to the site's own origin, as with a vote.
      fetch(settings.url, {
        method: "POST",
        headers: { "Content-Type": "text/plain;charset=UTF-8" },
        body,
        keepalive: true,
        credentials: "same-origin",
      }).catch(() => {}); // figures, not the reader's business: a lost batch is never retried or shown
    }
  }

  function record(event) {
    queue.push(event);
    if (queue.length >= MAX_BATCH) flush();
    else timer ??= setTimeout(flush, FLUSH_MS);
  }

  function searchDone(article) {
    if (!pending) return;
    record({ type: "search", query: pending.query, lang: pending.lang, ...(article ? { article } : {}) });
    pending = null;
  }

  // lanterne-search.js says what it showed for each query; only the last one before a click or leaving counts.
  document.addEventListener("lt-search", (event) => {
    const query = String(field(event.detail, "query") || "").trim();
    pending = query ? { query: query.slice(0, 200), lang: settings.lang } : null;
  });

  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link) return;
      if (link.closest("[data-lt-search-result]")) searchDone(link.dataset.id || "");
      else if (link.matches(CONTACT_LINKS)) {
        searchDone("");
        record({ type: "contact", lang: settings.lang, ...(settings.article ? { article: settings.article } : {}) });
      }
      flush(); // the link may leave the page
    },
    true,
  );

  window.addEventListener("pagehide", () => {
    searchDone("");
    flush();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });

  if (settings.article) record({ type: "view", article: settings.article, lang: settings.lang });
})();
