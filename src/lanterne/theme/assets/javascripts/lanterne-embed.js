/* Lanterne's embed pages: talk to the host window (height, open, search, suggest) and show suggestions. */
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-lt-root");
  var home = body.getAttribute("data-lt-home");
  var api = body.getAttribute("data-lt-api");
  var lang = document.documentElement.lang;
  var host = window.parent !== window ? window.parent : null;
  var params = new URLSearchParams(location.search);

  function post(type, data) {
    if (!host) return;
    var message = { source: "lanterne", type: type };
    for (var key in data) message[key] = data[key];
    // Heights and page titles are public: any host may embed the help centre.
    host.postMessage(message, "*");
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

  function openArticle(id) {
    var file = String(id).split("/").map(encodeURIComponent).join("/");
    return fetch(api + "articles/" + file + ".json")
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (article) { location.assign(embedUrl(article.path)); })
      .catch(function () { post("error", { error: "unknown article", id: id }); });
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
      var title = document.createElement("span");
      li.className = "lt-list__item";
      title.className = "lt-list__title";
      title.textContent = item.title;
      a.href = item.url;
      a.appendChild(title);
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
    var data = event.data;
    if (!host || event.source !== host || !data || data.source !== "lanterne") return;
    if (data.type === "open" && data.id) openArticle(data.id);
    else if (data.type === "search") search(String(data.query || ""));
    else if (data.type === "suggest") suggest(String(data.path || ""));
    else if (data.type === "back") history.back();
  });

  /* The home of the default language sends the panel on to the host's language. */
  var homes = JSON.parse(body.getAttribute("data-lt-homes") || "null");
  var wanted = params.get("lang");
  if (homes && wanted && wanted !== lang && homes[wanted]) {
    params.delete("lang");
    location.replace(homes[wanted] + (params.toString() ? "?" + params : ""));
    return;
  }

  if (params.get("open")) openArticle(params.get("open"));
  // The search module loads after this script: give it the query once the page is ready.
  if (params.get("q")) window.addEventListener("load", function () { search(params.get("q")); });
  if (params.get("path")) suggest(params.get("path"));

  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.documentElement);
  window.addEventListener("load", reportHeight);
  post("ready", { kind: body.className.replace(/.*lt-embed--(\w+).*/, "$1"), title: document.title, url: location.href });
  reportHeight();
})();
