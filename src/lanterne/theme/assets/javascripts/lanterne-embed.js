/* Lanterne's embed pages: talk to the host window (height, open, search, suggest) and show suggestions.
 * Only with the origins the site allows (body[data-lt-origins]): any other parent gets no answer and moves nothing. */
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-lt-root");
  var home = body.getAttribute("data-lt-home");
  var api = body.getAttribute("data-lt-api");
  var lang = document.documentElement.lang;
  var host = window.parent !== window ? window.parent : null;
  var params = new URLSearchParams(location.search);
  var own = Object.prototype.hasOwnProperty;
  // The API's article ids: path segments that never start with a dot, so never "..".
  var ARTICLE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

  /* The site's own origin (its address, or this page's without site_url) and extra.lanterne.embed_origins. */
  var allowed = JSON.parse(body.getAttribute("data-lt-origins") || "[null]").map(function (address) {
    return address ? new URL(address).origin : location.origin;
  });
  function isAllowed(origin) {
    return allowed.indexOf(origin) >= 0;
  }
  // The parent's origin once known: Chromium and Safari name it at once, its first allowed message in any browser.
  var ancestors = location.ancestorOrigins;
  var parentOrigin = host && ancestors && ancestors.length && ancestors[0] !== "null" ? ancestors[0] : null;
  var obeyed = !parentOrigin || isAllowed(parentOrigin);

  /* A message's own field, never one inherited from Object.prototype ("constructor", "__proto__"...). */
  function field(object, key) {
    return object && typeof object === "object" && own.call(object, key) ? object[key] : undefined;
  }

  function post(type, data) {
    if (!host) return;
    var message = { source: "lanterne", type: type };
    for (var key in data) if (own.call(data, key)) message[key] = data[key];
    // Never "*". While the parent's origin is unknown, address each allowed origin: the browser delivers the
    // message only if one of them is the parent's, and drops the others.
    (parentOrigin ? [parentOrigin] : allowed).filter(isAllowed).forEach(function (origin) {
      host.postMessage(message, origin);
    });
  }

  /* The host sizes its iframe to the content: report the height whenever it changes. */
  var lastHeight = 0;
  function reportHeight() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post("height", { height: height });
    }
  }

  function embedUrl(path) {
    return root + "embed/" + path;
  }

  /* Open an article by id, from the API document of that very id; anything else gets one generic error. */
  function openArticle(id) {
    function unknown() { post("error", { error: "unknown article" }); }
    if (typeof id !== "string" || !ARTICLE_ID.test(id)) return unknown();
    return fetch(api + "articles/" + id + ".json")
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (article) {
        var path = field(article, "path");
        if (field(article, "id") !== id || !isPagePath(path)) return unknown();
        location.assign(embedUrl(path));
      })
      .catch(unknown);
  }

  /* A page's site path as the API writes it (factures/envoyer/): relative, and never out of embed/. */
  function isPagePath(path) {
    return typeof path === "string" && !/^\/|[\\?#]|(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path);
  }

  function goHome(query) {
    location.assign(home + "?" + new URLSearchParams(query).toString());
  }

  /* The help centre's search box (lanterne-search.js) does the searching: feed it the host's query. */
  function search(query) {
    var input = document.querySelector("form[data-lt-search] input[type=search]");
    if (!input) return goHome({ q: query });
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  }

  function renderList(list, items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      var text = document.createElement("span");
      var title = document.createElement("span");
      li.className = "lt-list__item";
      a.className = "lt-list__link";
      text.className = "lt-list__text";
      title.className = "lt-list__title";
      title.textContent = item.title;
      a.href = item.url;
      text.appendChild(title);
      a.appendChild(text);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  /* Context globs: * is one path segment, ** any number of them, ? one character. */
  function globToRegExp(glob) {
    var pattern = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*|\*|\?/g, function (token) {
      return token === "**" ? ".*" : token === "*" ? "[^/]*" : "[^/]";
    });
    return new RegExp("^" + pattern + "/?$");
  }

  function suggest(path) {
    var section = document.querySelector(".lt-embed__suggested");
    if (!section) return goHome({ path: path });
    var rules = JSON.parse(section.querySelector(".lt-embed__contexts").textContent);
    var clean = String(path || "").split(/[?#]/)[0];
    var matches = rules.filter(function (rule) {
      return rule.context.some(function (glob) { return globToRegExp(glob).test(clean); });
    });
    renderList(section.querySelector("ul"), matches.map(function (rule) { return { title: rule.title, url: rule.href }; }));
    section.hidden = matches.length === 0;
    reportHeight();
  }

  window.addEventListener("message", function (event) {
    if (!host || event.source !== host || !isAllowed(event.origin)) return;
    parentOrigin = event.origin;
    var data = event.data;
    if (field(data, "source") !== "lanterne") return;
    var type = field(data, "type");
    var value = field(data, type === "search" ? "query" : "path");
    // Say so first: an open or a suggest may leave this page, and the widget must not send the request again.
    if (type === "open" || type === "search" || type === "suggest") post("received", { request: type });
    if (type === "open") openArticle(field(data, "id"));
    else if (type === "search" && typeof value === "string") search(value);
    else if (type === "suggest" && typeof value === "string") suggest(value);
    else if (type === "back") history.back();
  });

  // A parent the browser names and the site does not allow gets nothing done through the address either.
  if (!obeyed) params = new URLSearchParams();

  /* The home of the default language sends the panel on to the host's language. */
  var homes = JSON.parse(body.getAttribute("data-lt-homes") || "null");
  var wanted = params.get("lang");
  if (homes && wanted && wanted !== lang && own.call(homes, wanted)) {
    params.delete("lang");
    location.replace(homes[wanted] + (params.toString() ? "?" + params : ""));
    return;
  }

  if (params.get("open")) openArticle(params.get("open"));
  // The search module loads after this script: give it the query once the page is ready.
  if (params.get("q")) window.addEventListener("load", function () { search(params.get("q")); });
  if (params.get("path")) suggest(params.get("path"));

  // Leaving for another page: until that one says "ready", a message sent here would find no one.
  window.addEventListener("pagehide", function () { post("leaving", {}); });
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.documentElement);
  window.addEventListener("load", reportHeight);
  post("ready", { kind: body.className.replace(/.*lt-embed--(\w+).*/, "$1"), title: document.title, url: location.href });
  reportHeight();
})();
