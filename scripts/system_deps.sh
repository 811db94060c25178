#!/usr/bin/env bash
# The Debian packages the app and its test suite need. As root: installs the missing ones.
# Otherwise: one line naming them, exit 2. Used by `make run`, `make test` and `.ci/run`.
#   chromium        browser tests (Playwright drives /usr/bin/chromium)
#   poppler-utils   pdftotext/pdftoppm in PDF tests
#   fonts-dejavu-core, pango, harfbuzz (+ subset)   WeasyPrint renders Czech and German glyphs; without
#                   libharfbuzz-subset0 it warns, and the suite turns warnings into errors
#   postgresql-15   the production database; the suite runs on it too
#   npm             fetches axe-core (accessibility test) from the npm registry into .cache/axe
set -euo pipefail
scope=${1:-test}   # "run" needs only what serving the app needs
need=()
has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0; do
  has_pkg "$pkg" || need+=("$pkg")
done
if [ "$scope" = test ]; then
  for pkg in chromium poppler-utils postgresql-15; do has_pkg "$pkg" || need+=("$pkg"); done
  command -v npm >/dev/null 2>&1 || need+=(npm)  # axe-core for the accessibility browser test (make axe)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v dpkg-query >/dev/null; then
  echo "coopex: error: not a Debian system; install the equivalents of: ${need[*]}" >&2; exit 2
fi
if [ "$(id -u)" != 0 ]; then
  echo "coopex: error: missing system packages; as root run: apt-get install -y ${need[*]}" >&2; exit 2
fi
echo "coopex: installing system packages: ${need[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
