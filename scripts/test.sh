#!/usr/bin/env bash
# The whole test suite: installs what npm cannot bring (Chromium, PostgreSQL) when missing,
# type-checks, builds once, then runs Vitest (unit + PostgreSQL projects) and Playwright (PGlite + PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

have_postgres() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
have_postgres || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian…"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's postgresql package starts a cluster of its own; the tests start throw-away ones instead.

npx svelte-kit sync
npx svelte-check --tsconfig ./tsconfig.json --threshold error
npx vite build --logLevel warn
npx vitest run
npx playwright test
