// The JavaScript linter of `make lint` and `make test` (CONTRIBUTING, JavaScript): one dialect for the engine's scripts.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", "site-internal/", "manual/site/", ".venv/", "**/.lanterne-*/"] },
  js.configs.recommended,
  {
    // Classic scripts, strict, in today's syntax: what Material's pages and the widget on other sites' pages both
    // load without a bundler (a module would need type="module" in every host's tag, and CORS across origins).
    files: ["src/lanterne/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, LanterneShared: "readonly" },
    },
    rules: {
      strict: ["error", "global"],
      "no-var": "error",
      "prefer-const": "error",
      "prefer-arrow-callback": "error",
      "object-shorthand": "error",
      eqeqeq: "error",
      "no-implicit-globals": "error",
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // Each helper has one copy, in lanterne-shared.js: read it from window.LanterneShared.
      "no-restricted-syntax": [
        "error",
        { selector: "FunctionDeclaration[id.name=/^(field|escapeHtml|isArticleId|listRow|pageConfig)$/]", message: "Use the one in lanterne-shared.js." },
      ],
    },
  },
  {
    files: ["src/lanterne/theme/assets/javascripts/lanterne-shared.js"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["eslint.config.mjs"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
