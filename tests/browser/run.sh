#!/usr/bin/env bash
# run.sh — the browser tests: the built dist/nianbao.html in Debian's Chromium from file://,
# driven by playwright-core under node's test runner. Screenshots land in tests/browser/screenshots/.
set -euo pipefail
cd "$(dirname "$0")"
[ -f ../../dist/nianbao.html ] || { echo "dist/nianbao.html is missing: build it first (scripts/run.sh or scripts/test.sh)"; exit 1; }
[ -d node_modules/playwright-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1 app.test.js office.test.js writing.test.js import.test.js review.test.js software.test.js
