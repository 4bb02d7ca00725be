#!/usr/bin/env bash
# Takes the README's screenshots of the web chat page (docs/images/web-chat*.png) with the same Playwright
# and Debian Chromium as the browser tests: a real server on port 0, two pages, a JSON client, a weather card.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/Parley.Web.Tests -c Release -nologo -clp:ErrorsOnly
mkdir -p docs/images
PARLEY_SCREENSHOT_DIR="$PWD/docs/images" dotnet test tests/Parley.Web.Tests -c Release --no-build --nologo \
  --filter "Category=Screenshot"
ls -l docs/images/web-chat*.png
