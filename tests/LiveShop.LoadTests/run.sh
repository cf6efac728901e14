#!/usr/bin/env bash
# The LiveShop load tool with what it needs: 20000 open files (10,000 viewers need ~10k descriptors),
# a Release build of the server it starts, and a Release build of itself.
#   tests/LiveShop.LoadTests/run.sh fanout --viewers 10000
#   tests/LiveShop.LoadTests/run.sh chat --viewers 10000 --rate 200 --seconds 20
set -euo pipefail
cd "$(dirname "$0")/../.."
ulimit -n 20000
dotnet build -c Release LiveShop.Server -nologo -v quiet -clp:ErrorsOnly
exec dotnet run -c Release --project tests/LiveShop.LoadTests -- "$@"
