// Lanterne's side of the editor at /admin/: it starts Decap CMS with the configuration `lanterne cms` generated,
// and adds what Lanterne's files need. Decap is loaded from this folder, never from elsewhere.
//  - A front-matter format that keeps every key and every line the form did not change (readable diffs).
//  - The default language's files named x.md (Decap would name them x.fr.md), and the collection pages (index.md)
//    kept out of the article lists, for every backend (local proxy, GitHub, GitLab, Gitea).
//  - Internal notes as a block written in the one form the build knows, and other admonitions kept intact.
//  - The preview in the site's own stylesheets.
// A classic script like every script of the engine (CONTRIBUTING, JavaScript), after lanterne-shared.js.
"use strict";
(async () => {
  const { parse, stringify } = await import("./yaml/index.js");
  const { escapeHtml } = window.LanterneShared;
  const ORIGINAL = "__lanterne_original"; // the front matter as written, carried with the entry to keep its lines
  const FRONT = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;
  const DATA_METHODS = [
    "entriesByFolder",
    "entriesByFiles",
    "allEntriesByFolder",
    "getEntry",
    "persistEntry",
    "deleteFiles",
    "unpublishedEntries",
    "unpublishedEntry",
    "unpublishedEntryDataFile",
    "traverseCursor",
  ];
  const BACKENDS = ["proxy", "github", "gitlab", "gitea", "forgejo", "git-gateway"];

  const settings = await (await fetch("lanterne.json", { cache: "no-store" })).json();
  const config = parse(await (await fetch("config.yml", { cache: "no-store" })).text());

  window.CMS_MANUAL_INIT = true;
  await new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "decap-cms.js";
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  const CMS = window.CMS;

  CMS.registerCustomFormat(config.collections[0]?.format || "lanterne-frontmatter", "md", { fromFile, toFile });
  for (const name of BACKENDS) wrapBackend(name);
  registerBlocks();
  for (const href of settings.styles) CMS.registerPreviewStyle(href);
  CMS.registerPreviewStyle(settings.previewStyle);
  for (const collection of config.collections) CMS.registerPreviewTemplate(collection.name, Preview);
  CMS.init({ config: { ...config, load_config_file: false } });

  /** Read a Markdown file: its front matter as data, its body, and the front matter's text as written. */
  function fromFile(content) {
    const match = FRONT.exec(content);
    if (!match) return { body: content };
    const data = parse(match[1]) || {};
    return { ...data, body: content.slice(match[0].length), [ORIGINAL]: match[1] };
  }

  /** Write a Markdown file: keys the form left alone keep their lines, changed ones are rewritten, new ones follow. */
  function toFile(data, sortedKeys = []) {
    const { body = "", [ORIGINAL]: original = "", ...values } = data;
    const before = original ? parse(original) || {} : {};
    const lines = [];
    const seen = new Set();
    for (const block of blocks(original)) {
      if (block.key === null) {
        lines.push(block.text);
        continue;
      }
      seen.add(block.key);
      if (!(block.key in values) || (isEmpty(values[block.key]) && !isEmpty(before[block.key]))) continue;
      lines.push(same(values[block.key], before[block.key]) ? block.text : dump(block.key, values[block.key]));
    }
    for (const key of new Set([...sortedKeys, ...Object.keys(values)])) {
      if (!seen.has(key) && key in values && !isEmpty(values[key])) lines.push(dump(key, values[key]));
    }
    const text = String(body).replace(/^(\r?\n)+/, "");
    return `---\n${lines.join("\n")}\n---\n\n${text.endsWith("\n") || !text ? text : text + "\n"}`;
  }

  /** Split front matter into top-level keys, each with its indented lines; comments and blank lines stand alone. */
  function blocks(text) {
    const found = [];
    for (const line of text ? text.split(/\r?\n/) : []) {
      const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
      if (key) found.push({ key: key[1], text: line });
      else if (/^[ \t-]/.test(line) && found.length && found.at(-1).key !== null) found.at(-1).text += "\n" + line;
      else found.push({ key: null, text: line });
    }
    return found;
  }

  /** One key as YAML, quoted the way PyYAML (YAML 1.1) reads it back as the same text. */
  function dump(key, value) {
    return stringify({ [key]: value }, { version: "1.1", lineWidth: 0 }).trimEnd();
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  /** Make a backend name the default language's files x.md and leave collection pages out of the article lists. */
  function wrapBackend(name) {
    const registered = CMS.getBackend(name);
    if (!registered) return;
    const init = registered.init;
    registered.init = (...args) => lanterneFiles(init(...args));
  }

  function lanterneFiles(backend) {
    const others = settings.languages.filter((lang) => lang !== settings.defaultLanguage);
    const own = `.${settings.defaultLanguage}.md`;
    const toStore = (path) => (path.endsWith(own) ? path.slice(0, -own.length) + ".md" : path);
    const fromStore = (path) =>
      path.endsWith(".md") && !path.endsWith(own) && !others.some((lang) => path.endsWith(`.${lang}.md`)) ? path.slice(0, -3) + own : path;
    const isCollectionPage = (entry) => /(^|\/)index(\.[a-z]{2,3}(-[A-Za-z]+)?)?\.md$/.test(entry?.file?.path || "");
    return new Proxy(backend, {
      get(target, property) {
        const value = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        if (!DATA_METHODS.includes(property)) return value.bind(target);
        return async (...args) => {
          if (property === "persistEntry") args[0] = { ...args[0], dataFiles: translationsToWrite(args[0].dataFiles) };
          let result = await value.apply(target, mapIn(args, toStore));
          result = mapOut(result, fromStore);
          if (Array.isArray(result) && property.endsWith("ByFolder")) result = result.filter((entry) => !isCollectionPage(entry));
          if (result?.entries && property === "traverseCursor") result.entries = result.entries.filter((e) => !isCollectionPage(e));
          return result;
        };
      },
    });
  }

  /** Leave out a translation the agent left empty; refuse one with text but no title, which the build would refuse. */
  function translationsToWrite(dataFiles = []) {
    const others = settings.languages.filter((lang) => lang !== settings.defaultLanguage);
    return dataFiles.filter((file) => {
      if (!others.some((lang) => file.path.endsWith(`.${lang}.md`))) return true;
      if (/^---\s*---\s*$/.test(file.raw)) return false;
      const match = FRONT.exec(file.raw);
      if (!match || !String((parse(match[1]) || {}).title || "").trim()) throw new Error(`${file.path}: ${settings.labels.translationTitle}`);
      return true;
    });
  }

  function isPlain(value) {
    return value !== null && typeof value === "object" && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);
  }

  /** Rename every path the CMS sends (x.fr.md becomes x.md); other values, and objects such as uploads, pass as they are. */
  function mapIn(value, rename) {
    if (typeof value === "string") return /\.md$/.test(value) && !/\s/.test(value) ? rename(value) : value;
    if (!isPlain(value)) return value;
    if (Array.isArray(value)) return value.map((item) => mapIn(item, rename));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapIn(item, rename)]));
  }

  /** Rename the paths a backend answers with (x.md becomes x.fr.md), in `path` and `newPath` only. */
  function mapOut(value, rename) {
    if (!isPlain(value)) return value;
    if (Array.isArray(value)) return value.map((item) => mapOut(item, rename));
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        (key === "path" || key === "newPath") && typeof item === "string" ? rename(item) : mapOut(item, rename),
      ]),
    );
  }

  /** The internal note, in the exact form the public build strips, and a block that keeps other admonitions intact. */
  function registerBlocks() {
    const labels = settings.labels;
    const indent = (text) =>
      String(text || "")
        .replace(/\s+$/, "")
        .split("\n")
        .map((line) => (line.trim() ? "    " + line : ""))
        .join("\n");
    const dedent = (text) =>
      String(text || "")
        .split("\n")
        .map((line) => line.replace(/^( {4}|\t)/, ""))
        .join("\n")
        .trim();
    const quoted = (title) => String(title || "").replace(/["\n]/g, "").trim();
    const body = "((?:(?: {4}|\\t).*(?:\\n|$)|\\n(?=(?: {4}|\\t)))*)";
    CMS.registerEditorComponent({
      id: "lanterne-internal-note",
      label: labels.note,
      fields: [
        { name: "title", label: labels.noteHeading, widget: "string", default: labels.noteTitle, required: false },
        { name: "body", label: labels.noteBody, widget: "text" },
      ],
      pattern: new RegExp(`^(\\?\\?\\?\\+?|!!!)[ \\t]+internal(?:[ \\t]+"([^"\\n]*)")?[ \\t]*\\n${body}`),
      fromBlock: (match) => ({ marker: match[1], title: match[2] || "", body: dedent(match[3]) }),
      toBlock: (data) => `${data.marker || "!!!"} internal${quoted(data.title) ? ` "${quoted(data.title)}"` : ""}\n${indent(data.body)}`,
      toPreview: (data) => `<div class="admonition internal"><p class="admonition-title">${escapeHtml(data.title || labels.note)}</p><p>${escapeHtml(data.body)}</p></div>`,
    });
    CMS.registerEditorComponent({
      id: "lanterne-admonition",
      label: labels.admonition,
      fields: [
        { name: "marker", label: "!!! / ???", widget: "select", options: ["!!!", "???", "???+"], default: "!!!" },
        { name: "kind", label: labels.admonitionKind, widget: "select", options: ["note", "tip", "info", "warning", "danger", "example"], default: "note" },
        { name: "title", label: labels.admonitionTitle, widget: "string", required: false },
        { name: "body", label: labels.admonitionBody, widget: "text" },
      ],
      pattern: new RegExp(`^(\\?\\?\\?\\+?|!!!)[ \\t]+(?!internal\\b)([\\w-]+)(?:[ \\t]+"([^"\\n]*)")?[ \\t]*\\n${body}`),
      fromBlock: (match) => ({ marker: match[1], kind: match[2], title: match[3] || "", body: dedent(match[4]) }),
      toBlock: (data) => `${data.marker || "!!!"} ${data.kind || "note"}${quoted(data.title) ? ` "${quoted(data.title)}"` : ""}\n${indent(data.body)}`,
      toPreview: (data) => `<div class="admonition ${escapeHtml(data.kind)}"><p class="admonition-title">${escapeHtml(data.title || data.kind)}</p><p>${escapeHtml(data.body)}</p></div>`,
    });
  }

  /** The body as a reader sees it: Material's and Lanterne's typography around the title and the text. */
  function Preview(props) {
    const h = window.h;
    const title = props.entry.getIn(["data", "title"]);
    return h("div", { className: "md-content lanterne-preview" }, h("article", { className: "md-content__inner md-typeset" }, h("h1", {}, title), props.widgetFor("body")));
  }
})();
