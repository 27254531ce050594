#!/usr/bin/env bash
# The whole test: what `npm test` runs, locally and in CI. Stops at the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$1"; }

step "typecheck"
npx tsc --noEmit

step "unit, property and conformance tests"
if [ -z "${TENURE_TEST_DATABASE_URL:-}" ]; then
  echo "note: TENURE_TEST_DATABASE_URL is not set, so the PostgreSQL server tests are skipped (the PGlite ones run)."
  echo "      CI sets it; locally: bash scripts/postgres-server.sh start && export TENURE_TEST_DATABASE_URL=\$(bash scripts/postgres-server.sh url)"
fi
if [ -z "${TENURE_TEST_LDAP_URL:-}" ]; then
  echo "note: TENURE_TEST_LDAP_URL is not set, so the LDAP server tests (test/ldap) are skipped."
  echo "      CI sets it; locally: bash scripts/ldap-server.sh start && export TENURE_TEST_LDAP_URL=\$(bash scripts/ldap-server.sh url)"
fi
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json || status=$?
node scripts/summarize-vitest.mjs .tmp/vitest.json
[ "$status" -eq 0 ] || exit "$status"

step "build"
npx tsup --silent

step "package lint (publint, are-the-types-wrong)"
npx publint --strict
npx attw --pack . --profile node16

step "API docs (typedoc, warnings are errors)"
npx typedoc --logLevel Warn

step "examples"
npx tsx examples/run-all.ts

printf '\nAll checks passed.\n'
# The closing line CI reads: the test count of the vitest run above.
node scripts/summarize-vitest.mjs .tmp/vitest.json
