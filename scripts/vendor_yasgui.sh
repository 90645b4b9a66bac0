#!/usr/bin/env bash
# Refresh the YASGUI that `citygraph serve` shows at /query, from the npm registry.
#
#   scripts/vendor_yasgui.sh            # the latest @zazuko/yasgui
#   scripts/vendor_yasgui.sh 4.6.2      # a given version
#
# Fetches @zazuko/yasgui (MIT) with `npm pack`, and copies its built bundle into
# src/citygraph/static/ with the version in the file names:
#   yasgui-<version>.min.js, yasgui-<version>.min.css   (the package's build/)
#   yasgui-<version>.LICENSE.txt                        (licence and notices)
# replacing the previous version's files; citygraph.web finds them by name.
# The source map comment is dropped (the map is not vendored), so the page asks
# for nothing but these files. The package ships no licence file of its own:
# the notice gives the MIT terms its package.json declares, then the licence
# files of the packages the bundle is built from (`npm install` of the same
# version into a temporary folder, scripts not run). Needs node and npm; talks
# to the npm registry only. Afterwards run `make test` (tests/test_web_browser.py
# loads the page offline and runs a query) and commit the three files.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
static="$here/src/citygraph/static"
version="${1:-$(npm view @zazuko/yasgui version 2>/dev/null)}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "not a version: '$version'" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@zazuko/yasgui@$version" >/dev/null 2>&1
tar -xzf "zazuko-yasgui-$version.tgz"
npm install --silent --no-save --ignore-scripts --no-audit --no-fund --prefix "$work/deps" \
    "@zazuko/yasgui@$version" >/dev/null 2>&1

rm -f "$static"/yasgui-*.min.js "$static"/yasgui-*.min.css "$static"/yasgui-*.LICENSE.txt
sed -e 's|//# sourceMappingURL=[^ ]*$||' package/build/yasgui.min.js > "$static/yasgui-$version.min.js"
sed -e 's|/\*# sourceMappingURL=[^ ]* \*/||' package/build/yasgui.min.css > "$static/yasgui-$version.min.css"

node - "$work/package/package.json" "$work/deps/node_modules" > "$static/yasgui-$version.LICENSE.txt" <<'EOF'
const fs = require("fs"), path = require("path");
const [pkgFile, modules] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
const people = [pkg.author, ...(pkg.contributors || [])].map(p => typeof p === "string" ? p : p && p.name).filter(Boolean);
const out = [];
out.push(`${pkg.name} ${pkg.version} (${pkg.homepage || ""}), vendored by scripts/vendor_yasgui.sh from the npm registry.`);
out.push(`Licence declared in its package.json: ${pkg.license}. The package ships no licence file; the MIT terms follow.`);
out.push("", "MIT License", "", `Copyright (c) ${people.join(", ")}`, "",
  "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated",
  "documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation",
  "the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to",
  "permit persons to whom the Software is furnished to do so, subject to the following conditions:", "",
  "The above copyright notice and this permission notice shall be included in all copies or substantial portions of",
  "the Software.", "",
  "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO",
  "THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE",
  "AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,",
  "TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE",
  "SOFTWARE.", "");
out.push("=".repeat(100), "Packages the bundle is built from, as npm resolved them for this version (the upstream build",
  "may have used other patch versions), with their licences.", "=".repeat(100));
const seen = new Set();
function walk(dir) {
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.startsWith(".")) continue;
    const at = path.join(dir, name);
    if (name.startsWith("@")) { walk(at); continue; }
    const file = path.join(at, "package.json");
    if (!fs.existsSync(file)) continue;
    const meta = JSON.parse(fs.readFileSync(file, "utf8"));
    const key = `${meta.name}@${meta.version}`;
    if (!seen.has(key) && !meta.name.startsWith("@zazuko/")) {
      seen.add(key);
      const licence = meta.license || (meta.licenses || []).map(l => l.type || l).join(" OR ") || "not declared";
      out.push("", `--- ${key}: ${licence}`);
      for (const f of fs.readdirSync(at).filter(f => /^(licen[cs]e|copying|notice)/i.test(f)).sort()) {
        out.push("", fs.readFileSync(path.join(at, f), "utf8").trim());
      }
    }
    const nested = path.join(at, "node_modules");
    if (fs.existsSync(nested)) walk(nested);
  }
}
walk(modules);
console.log(out.join("\n"));
EOF

ls -l "$static"/yasgui-"$version".*
