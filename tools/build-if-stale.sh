#!/bin/sh
# Builds into dist/ only when a source under apps, libs or tools (the console's included, which
# `npm run build` bundles into dist/console; the web pages aside, which are served from their
# folders) is newer than the stamp `npm run build` leaves, or a file was added, renamed or
# removed there (its folder is then newer); `npm run build` always builds.
set -eu
cd "$(dirname "$0")/.."
stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find apps libs tools -path 'apps/*/web' -prune -o -newer "$stamp" -print | head -n 1)" ]; then
  exit 0
fi
exec npm run build --silent
