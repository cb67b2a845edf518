#!/usr/bin/env bash
# npm test: the static checks (scripts/static-checks.sh: type-check, ESLint, Prettier) run
# beside the test suite, and their findings are printed after its report. The suite leaves a
# core idle part of the time (tests waiting on a deadline or on a process they started), which
# the checks fill: docs/development.md gives the figures. The exit code is non-zero when either
# fails; the line that ends a passing run names the slow checks `npm test` leaves out.
set -uo pipefail
cd "$(dirname "$0")/.."
findings=$(mktemp)
trap 'rm -f "$findings"' EXIT
bash scripts/static-checks.sh >"$findings" 2>&1 &
checks=$!
npx mocha --parallel --jobs 2 'tests/*.test.ts'
suite=$?
wait "$checks"
static=$?
echo "Static checks (type-check, ESLint, Prettier):"
cat "$findings"
if ((suite || static)); then
    ((static)) && echo "The static checks failed: see above." >&2
    exit 1
fi
echo 'Not run here, as they install from the npm registry or analyse the whole program (minutes): the production install of the policy pack, the packed library in two Pulumi programs, and the component package schema. Run them with: npm run test:slow'
