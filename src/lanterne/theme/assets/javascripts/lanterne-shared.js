/* Lanterne's helpers, one copy of each, for every script of the engine: the pages, the embed pages, the editor, and
 * the widget (the build writes this file into it at its "lanterne:shared" line, so that it stays one file on other
 * sites' pages). A classic script, loaded before the others (views/assets.py says in which order): it defines
 * window.LanterneShared, which they read. */
"use strict";
window.LanterneShared ||= (() => {
  let config;

  /** An object's own field, never one inherited from Object.prototype ("constructor", "__proto__"...). */
  function field(object, key) {
    return object && typeof object === "object" && Object.hasOwn(object, key) ? object[key] : undefined;
  }

  /** Text made safe to put into HTML, attributes included. */
  function escapeHtml(text) {
    return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  /** The page's settings that the engine writes as JSON (lanterne/scripts.html): the article-id rule, search. */
  function pageConfig() {
    if (config === undefined) {
      const element = document.getElementById("lt-config");
      config = element ? JSON.parse(element.textContent) : null;
    }
    return config;
  }

  /** Whether `id` is an article id as the JSON API writes them; the rule comes from the engine (outputs/api.py). */
  function isArticleId(id) {
    const rule = field(pageConfig(), "articleId");
    return typeof id === "string" && typeof rule === "string" && new RegExp(rule).test(id);
  }

  /**
   * One row of an article list, cloned from the page's <template id="lt-list-row">: the same markup as the rows
   * the build writes (lanterne/article-link.html). `titleHtml` and `descriptionHtml` are trusted HTML (escaped and
   * highlighted by the caller); `title`, `description` and `path` are text.
   */
  function listRow({ url, title = "", titleHtml, description = "", descriptionHtml, path = "", id }) {
    const row = document.getElementById("lt-list-row").content.firstElementChild.cloneNode(true);
    const link = row.querySelector(".lt-list__link");
    link.href = url;
    if (id) link.dataset.id = id;
    fill(row.querySelector(".lt-list__path"), path);
    fill(row.querySelector(".lt-list__title"), title, titleHtml);
    fill(row.querySelector(".lt-list__description"), description, descriptionHtml);
    return row;
  }

  function fill(element, text, html) {
    if (html) element.innerHTML = html;
    else if (text) element.textContent = text;
    else element.remove();
  }

  return Object.freeze({ field, escapeHtml, pageConfig, isArticleId, listRow });
})();
