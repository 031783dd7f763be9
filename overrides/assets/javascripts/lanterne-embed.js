/* Lanterne's embed pages: talk to the host window (height, open, search, suggest), search, suggestions. */
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

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* A small search over api/articles.json, until a search engine defines window.LanterneSearch. */
  var articles = null;
  function fallbackSearch(query) {
    articles = articles || fetch(root + "api/articles.json").then(function (r) { return r.json(); });
    var words = fold(query).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; });
    return articles.then(function (data) {
      return data.articles
        .filter(function (a) { return a.lang === lang; })
        .map(function (a) {
          var title = fold(a.title);
          var rest = fold([a.description, a.keywords.join(" "), a.tags.join(" ")].join(" "));
          var score = 0;
          for (var i = 0; i < words.length; i++) {
            if (title.indexOf(words[i]) >= 0) score += 3;
            else if (rest.indexOf(words[i]) >= 0) score += 1;
            else return null;
          }
          return score ? { title: a.title, url: embedUrl(a.path), score: score } : null;
        })
        .filter(Boolean)
        .sort(function (a, b) { return b.score - a.score; });
    });
  }

  function renderList(list, items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      li.className = "lt-list__item";
      a.href = item.url;
      a.innerHTML = '<span class="lt-list__title"></span>';
      a.firstChild.textContent = item.title;
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function search(query) {
    var results = document.querySelector(".lt-embed__results");
    if (!results) return goHome({ q: query });
    var input = document.querySelector(".lt-embed__search input");
    if (input.value !== query) input.value = query;
    var others = document.querySelectorAll(".lt-embed__collections, .lt-embed__suggested");
    var searching = query.trim() !== "";
    results.hidden = !searching;
    for (var i = 0; i < others.length; i++) others[i].classList.toggle("lt-embed__off", searching);
    if (!searching) return;
    var engine = window.LanterneSearch || fallbackSearch;
    Promise.resolve(engine(query, lang)).then(function (found) {
      if (input.value !== query) return;
      renderList(results.querySelector("ul"), found.slice(0, 20));
      results.querySelector(".lt-embed__empty").hidden = found.length > 0;
      reportHeight();
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
    if (document.querySelector(".lt-embed__search input").value) search("");
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
  });

  /* The home of the default language sends the panel on to the host's language. */
  var homes = JSON.parse(body.getAttribute("data-lt-homes") || "null");
  var wanted = params.get("lang");
  if (homes && wanted && wanted !== lang && homes[wanted]) {
    params.delete("lang");
    location.replace(homes[wanted] + (params.toString() ? "?" + params : ""));
    return;
  }

  var form = document.querySelector(".lt-embed__search");
  if (form) {
    var input = form.querySelector("input");
    form.addEventListener("submit", function (event) { event.preventDefault(); search(input.value); });
    input.addEventListener("input", function () { search(input.value); });
  }
  if (params.get("open")) openArticle(params.get("open"));
  if (params.get("q")) search(params.get("q"));
  if (params.get("path")) suggest(params.get("path"));

  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.documentElement);
  window.addEventListener("load", reportHeight);
  post("ready", { kind: body.className.replace(/.*lt-embed--(\w+).*/, "$1"), title: document.title, url: location.href });
  reportHeight();
})();
