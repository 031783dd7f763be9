// Lanterne search: one engine behind every search box (header, home hero, embed).
//
// Pagefind does the indexing, accent folding, stemming and ranking. This script rewrites the reader's
// query first, because Pagefind requires every word and forgives no typo:
//   1. drop French elisions (l', d', qu') and stop words ("comment", "mon", "pas", "the", "how");
//   2. correct a word of 5+ letters that the help centre never uses to the nearest word it does use
//      (one edit, two from 8 letters), fetched from a per-letter vocabulary written at build time;
//   3. search all the words; if that finds few articles, add the articles that match some of the words,
//      ranked by how many (and how rare) of the words they contain.
// The UI shows title, collection path and description with the matched words highlighted; when nothing
// matches it offers the contact link and reports the query to the feedback service, once.

"use strict";
(() => {
  const { escapeHtml, pageConfig, listRow } = window.LanterneShared;

  const STOP_WORDS = {
    fr: `a ai au aux avec avez avons c ca ce ces cet cette comment d dans de des doit dois du elle en est et
      etre faut il ils j je jusqu l la le les leur lorsqu lui m ma mais me mes moi mon n ne nos notre nous on ont
      ou par pas peut peux pour pourquoi puis puisqu qu quand que quel quelle quelles quels qui s sa se ses si son
      sont sur t ta te tes toi ton tu un une vos votre vous y`,
    en: `a am an and any are as at be been but by can cannot could did didn do does doesn don for from get had has
      have how i if in into is isn it its me my not of on or our should so some that the their them then there
      these they this to was we were what when where which who why will with won would you your`,
  };
  const LIMIT = 8;
  const DEBOUNCE_MS = 60;
  const MISS_DELAY_MS = 1500;

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  // The words worth searching for, and whether the reader is still typing the last one.
  function tokenize(query, lang) {
    const stop = new Set((STOP_WORDS[lang] || "").split(/\s+/));
    const words = fold(query).match(/[a-z0-9]+/g) || [];
    const kept = words.filter((word) => !stop.has(word) && (word.length > 1 || /\d/.test(word)));
    return { words: [...new Set(kept)], typing: !/[\s'’?.!,;:]$/.test(query) };
  }

  // Optimal string alignment distance (edits, with swapped neighbours counting once), giving up above `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
        best = Math.min(best, value);
      }
      if (best > max) return max + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  class Engine {
    constructor({ bundle, siteRoot, lang, weights }) {
      this.bundle = bundle;
      this.siteRoot = siteRoot;
      this.lang = lang;
      this.weights = weights || {};
      this.buckets = new Map();
      this.pages = 0;
    }

    pagefind() {
      this.loading ||= import(new URL("pagefind.js", this.bundle).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: this.siteRoot, ranking: { metaWeights: this.weights } });
        await pagefind.init();
        return pagefind;
      });
      return this.loading;
    }

    bucket(letter) {
      if (!this.buckets.has(letter)) {
        const url = new URL(`vocab/${this.lang}/${letter}.json`, this.bundle);
        const empty = { pages: 0, words: {}, strong: [] };
        const loaded = fetch(url)
          .then((response) => (response.ok ? response.json() : empty))
          .catch(() => empty)
          .then((bucket) => {
            this.pages = Math.max(this.pages, bucket.pages);
            return { ...bucket, strong: new Set(bucket.strong) };
          });
        this.buckets.set(letter, loaded);
      }
      return this.buckets.get(letter);
    }

    // The word itself if the help centre uses it (or, while typing, starts a word it uses), else the
    // closest word it uses: fewest edits, then a word from titles, keywords or tags, then the most frequent.
    async correct(word, typing) {
      if (word.length < 5 || /\d/.test(word)) return word;
      const bucket = await this.bucket(word[0]);
      if (word in bucket.words) return word;
      const known = Object.keys(bucket.words);
      if (typing && known.some((candidate) => candidate.startsWith(word))) return word;
      const max = word.length >= 8 ? 2 : 1;
      let best = null;
      for (const candidate of known) {
        const edits = distance(word, candidate, max);
        if (edits > max) continue;
        const rank = [edits, bucket.strong.has(candidate) ? 0 : 1, -bucket.words[candidate]];
        if (!best || compare(rank, best.rank) < 0) best = { candidate, rank };
      }
      return best ? best.candidate : word;
    }

    async search(query, { limit = LIMIT } = {}) {
      const { words, typing } = tokenize(query, this.lang);
      if (!words.length) return { query, terms: [], results: [], total: 0 };
      const last = words.length - 1;
      const terms = [...new Set(await Promise.all(words.map((word, i) => this.correct(word, typing && i === last))))];
      const pagefind = await this.pagefind();
      const everyWord = (await pagefind.search(terms.join(" "))).results;
      let ranked = everyWord;
      if (terms.length > 1 && everyWord.length < limit) {
        ranked = everyWord.concat(await this.someWords(pagefind, terms, new Set(everyWord.map((r) => r.id))));
      }
      const top = await Promise.all(ranked.slice(0, limit).map((result) => result.data()));
      return { query, terms, total: ranked.length, results: top.map((data) => present(data, terms, this.siteRoot)) };
    }

    // Articles that contain some of the words, by the summed rarity of the words they contain.
    async someWords(pagefind, terms, seen) {
      const each = await Promise.all(terms.map((term) => pagefind.search(term)));
      const pages = Math.max(this.pages, ...each.map((found) => found.results.length)) + 1;
      const scores = new Map();
      each.forEach(({ results }) => {
        if (!results.length) return;
        const rarity = Math.log(1 + pages / results.length);
        const best = results[0].score || 1;
        for (const result of results) {
          if (seen.has(result.id)) continue;
          const entry = scores.get(result.id) || { result, score: 0 };
          entry.score += rarity * (1 + result.score / best);
          scores.set(result.id, entry);
        }
      });
      return [...scores.values()].sort((a, b) => b.score - a.score).map((entry) => entry.result);
    }
  }

  function compare(a, b) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  function present(data, terms, siteRoot) {
    const meta = data.meta || {};
    const description = meta.description || plain(data.excerpt || "");
    return {
      id: meta.id || "",
      url: data.url,
      sitePath: data.url.startsWith(siteRoot) ? data.url.slice(siteRoot.length) : data.url,
      title: meta.title || "",
      path: meta.path || "",
      internal: meta.audience === "internal",
      titleHtml: highlight(meta.title || "", terms),
      descriptionHtml: highlight(description, terms),
    };
  }

  function plain(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
  }

  // Wrap in <mark> the words that match a search term: same start, allowing for the stemmed ending.
  function highlight(text, terms) {
    const stems = terms.map((term) => (term.length > 5 ? term.slice(0, Math.max(5, term.length - 2)) : term));
    let out = "";
    let at = 0;
    for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const word = fold(match[0]);
      const hit = stems.some((stem) => word.startsWith(stem) || (word.length >= 4 && stem.startsWith(word) && stem.length - word.length <= 2));
      out += escapeHtml(text.slice(at, match.index));
      out += hit ? `<mark>${escapeHtml(match[0])}</mark>` : escapeHtml(match[0]);
      at = match.index + match[0].length;
    }
    return out + escapeHtml(text.slice(at));
  }

  // ---- The search box ----------------------------------------------------------------------------

  const engines = new Map();
  const reported = new Set();

  // This script is published at <site>/assets/javascripts/, whatever page (or embed page) loads it.
  const SITE_ROOT = new URL("../../", document.currentScript.src);

  function engineFor(config) {
    if (!engines.has(config.lang)) {
      const bundle = new URL(config.bundle, SITE_ROOT);
      engines.set(config.lang, new Engine({ bundle, siteRoot: SITE_ROOT.pathname, lang: config.lang, weights: config.weights }));
    }
    return engines.get(config.lang);
  }

  // In the embed panel (its body carries data-lt-root), results open the article's embed page.
  function href(result) {
    const embedRoot = document.body.dataset.ltRoot;
    return embedRoot === undefined ? result.url : `${embedRoot}embed/${result.sitePath}`;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  }

  function render(panel, config, found) {
    const labels = config.labels;
    panel.hidden = false;
    if (!found.results.length) {
      const contact = config.contact
        ? `<a class="lt-search__contact md-button" href="${escapeHtml(config.contact)}">${escapeHtml(labels.contact)}</a>`
        : "";
      panel.innerHTML =
        `<div class="lt-search__empty"><p>${escapeHtml(format(labels.none, { query: found.query.trim() }))}</p>` +
        `<p>${escapeHtml(labels.none_hint)}</p>${contact}</div>`;
      return;
    }
    const count = document.createElement("p");
    count.className = "lt-search__count";
    count.textContent = format(found.total === 1 ? labels.count_one : labels.count_other, { count: found.total });
    const list = document.createElement("ul");
    list.className = "lt-search__list";
    list.append(...found.results.map((result) => row(result, labels)));
    panel.replaceChildren(count, list);
  }

  // A result is a row of the article lists, with the collection path, the matched words marked and the internal badge.
  function row(result, labels) {
    const badge = result.internal ? ` <span class="lt-search__badge">${escapeHtml(labels.internal)}</span>` : "";
    const item = listRow({
      url: href(result),
      id: result.id,
      path: result.path,
      titleHtml: result.titleHtml + badge,
      descriptionHtml: result.descriptionHtml,
    });
    item.classList.add("lt-search__result");
    item.dataset.ltSearchResult = "";
    return item;
  }

  // Tell the feedback service what readers looked for and did not find: once per query, after a pause.
  function reportMiss(config, query) {
    if (!config.feedback) return;
    const key = `${config.lang}:${fold(query).trim().replace(/\s+/g, " ")}`;
    if (reported.has(key)) return;
    reported.add(key);
    // The service takes reactions at …/reactions and zero-result searches beside them at …/searches.
    const url = new URL("searches", new URL(config.feedback, location.href));
    const body = JSON.stringify({ query: query.trim(), lang: config.lang, audience: config.audience });
    fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body, keepalive: true }).catch(() => {});
  }

  /** Say what the box shows (lanterne-events.js counts the last search before a click or leaving); "" when emptied. */
  function shown(form, query, results) {
    form.dispatchEvent(new CustomEvent("lt-search", { bubbles: true, detail: { query, results } }));
  }

  function bind(form, config) {
    const input = form.querySelector("input[type=search]");
    const panel = form.querySelector(".lt-search__results");
    const status = form.querySelector(".lt-search__status");
    const engine = engineFor(config);
    let sequence = 0;
    let typingTimer;
    let missTimer;

    const close = () => {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
    };
    const run = async () => {
      const query = input.value;
      const mine = ++sequence;
      clearTimeout(missTimer);
      if (!query.trim()) {
        panel.innerHTML = "";
        close();
        shown(form, "", 0);
        return;
      }
      let found;
      try {
        found = await engine.search(query);
      } catch (error) {
        console.error(error);
        panel.hidden = false;
        panel.textContent = config.labels.error;
        return;
      }
      if (mine !== sequence) return;
      render(panel, config, found);
      input.setAttribute("aria-expanded", "true");
      if (status) status.textContent = panel.querySelector(".lt-search__count, .lt-search__empty p")?.textContent || "";
      if (!found.results.length && found.terms.length) missTimer = setTimeout(() => reportMiss(config, query), MISS_DELAY_MS);
      shown(form, query, found.results.length);
    };

    input.addEventListener("input", () => {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("focus", () => {
      engine.pagefind().catch(() => {});
      if (panel.innerHTML && input.value.trim()) panel.hidden = false;
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = panel.querySelector(".lt-search__result a");
      if (first && !panel.hidden) first.click();
      else run();
    });
    form.addEventListener("keydown", (event) => {
      const links = [...panel.querySelectorAll(".lt-search__result a")];
      const at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : links[at - 1]).focus();
      } else if (event.key === "Escape") {
        close();
        input.focus();
      }
    });
    document.addEventListener("click", (event) => {
      if (!form.contains(event.target)) close();
    });
  }

  function start() {
    const config = pageConfig()?.search;
    if (!config) return;
    const search = (query, options) => engineFor(config).search(query, options);
    window.lanterneSearch = { config, engine: engineFor(config), search };
    window.LanterneSearch = (query) => search(query).then((found) => found.results.map((result) => ({ ...result, url: href(result) })));
    for (const form of document.querySelectorAll("form[data-lt-search]")) bind(form, config);
  }

  start();
})();
