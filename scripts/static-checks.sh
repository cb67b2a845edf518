#!/usr/bin/env bash
# npm test's static checks side by side: the strict type-check runs while ESLint and Prettier
# go through their files one after the other. Each prints its own findings; the exit code is
# non-zero when any of them fails.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent typecheck &
typecheck=$!
npm run --silent lint
lint=$?
npm run --silent format:check
format=$?
wait "$typecheck"
types=$?
exit $((types || lint || format))
