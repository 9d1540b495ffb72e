// Builds the two stylesheets GIPZ takes from the NL Design System (run by `make frontend`):
//   static/vendor/nl-design-system/{html,components}.css — the community components, verbatim from the locked packages;
//   static/gipz/theme.css                      — GIPZ's theme: tokens/*.tokens.json turned into CSS custom properties.
// Both outputs are committed, so running GIPZ never needs Node.js; CI rebuilds them and fails on any difference.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import StyleDictionary from "style-dictionary";

const here = dirname(fileURLToPath(import.meta.url));
const staticDir = join(here, "..", "src", "gipz", "static");
const vendorDir = join(staticDir, "vendor", "nl-design-system");

// Two files, imported into two cascade layers by static/gipz/nl-design-system.css: html.css styles plain HTML (the
// forms Django renders, tables, headings) inside <html class="utrecht-html">; the component sheets add what plain
// HTML cannot express (primary and danger actions, alerts, badges) and, one layer up, win over html.css.
const bundles = {
  "html.css": [["@utrecht/component-library-css", "dist/html.css"]],
  "components.css": [
    ["@utrecht/button-css", "dist/index.css"],
    ["@utrecht/button-link-css", "dist/index.css"],
    ["@utrecht/link-button-css", "dist/index.css"],
    ["@utrecht/alert-css", "dist/index.css"],
    ["@utrecht/status-badge-css", "dist/index.css"],
    ["@utrecht/badge-counter-css", "dist/index.css"],
    ["@utrecht/skip-link-css", "dist/index.css"],
    ["@utrecht/form-field-description-css", "dist/index.css"],
    ["@utrecht/form-field-error-message-css", "dist/index.css"],
  ],
};

function packageDir(name) {
  return join(here, "node_modules", ...name.split("/"));
}

function vendorBundle(destination, sheets) {
  const parts = sheets.map(([name, file]) => {
    const meta = JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8"));
    const css = readFileSync(join(packageDir(name), file), "utf8").replace(/^@charset "UTF-8";\n/m, "");
    return { label: `${name}@${meta.version} (${meta.license}) ${file}`, css };
  });
  const banner = [
    "/*",
    " * NL Design System community components, vendored by `make frontend` (frontend/build.mjs). Do not edit.",
    " * Licence: EUPL-1.2 (LICENSE-EUPL-1.2.md beside this file). Packages:",
    ...parts.map((part) => ` *   ${part.label}`),
    " */",
  ].join("\n");
  const body = parts.map((part) => `/* ---- ${part.label} ---- */\n${part.css.trim()}\n`).join("\n");
  writeFileSync(join(vendorDir, destination), `@charset "UTF-8";\n${banner}\n${body}`);
}

function vendorComponents() {
  mkdirSync(vendorDir, { recursive: true });
  for (const [destination, sheets] of Object.entries(bundles)) {
    vendorBundle(destination, sheets);
  }
  copyFileSync(join(packageDir("@utrecht/component-library-css"), "LICENSE.md"), join(vendorDir, "LICENSE-EUPL-1.2.md"));
}

async function buildTheme() {
  const dictionary = new StyleDictionary({
    source: [join(here, "tokens", "*.tokens.json")],
    log: { verbosity: "silent", warnings: "disabled" },
    platforms: {
      css: {
        // Values are written as authored (px, rem, hex); only the names are made into custom-property names.
        transforms: ["name/kebab"],
        buildPath: join(staticDir, "gipz") + "/",
        files: [
          {
            destination: "theme.css",
            format: "css/variables",
            options: {
              selector: ".gipz-theme",
              outputReferences: true,
              fileHeader: () => [
                "GIPZ theme for the NL Design System components, built from frontend/tokens by `make frontend`.",
                "Do not edit: change the tokens and rebuild.",
              ],
            },
          },
        ],
      },
    },
  });
  await dictionary.buildAllPlatforms();
}

vendorComponents();
await buildTheme();
