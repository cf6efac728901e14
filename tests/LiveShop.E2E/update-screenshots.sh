#!/usr/bin/env bash
# Refreshes the README's pictures on purpose: runs the browser tests (they save into artifacts/screenshots/,
# which is untracked, so an ordinary test run never rewrites tracked files), then copies every screenshot
# into docs/screenshots/. Review the change with `git diff --stat docs/screenshots` before committing it.
#   bash tests/LiveShop.E2E/update-screenshots.sh                         # every E2E test (~15 min)
#   bash tests/LiveShop.E2E/update-screenshots.sh PublishedProductionTests # one class (a --filter on its name)
set -euo pipefail

cd "$(dirname "$0")/../.."
export LIVESHOP_CHROMIUM="${LIVESHOP_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
rm -rf artifacts/screenshots

dotnet build tests/LiveShop.E2E -c Debug -nologo -v quiet -clp:ErrorsOnly
filter=()
if [ $# -gt 0 ]; then
    filter=(--filter "FullyQualifiedName~$1")
fi
# Copy what the run saved even when a test failed, but report the failure.
status=0
dotnet test tests/LiveShop.E2E -c Debug --no-build -nologo "${filter[@]}" || status=$?

mkdir -p docs/screenshots
shopt -s nullglob
shots=(artifacts/screenshots/*.png)
if [ ${#shots[@]} -eq 0 ]; then
    echo "No screenshot was saved: nothing copied." >&2
    exit 1
fi
cp "${shots[@]}" docs/screenshots/
echo "Copied ${#shots[@]} screenshot(s) into docs/screenshots/."
exit "$status"
