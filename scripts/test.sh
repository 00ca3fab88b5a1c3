#!/usr/bin/env bash
# The whole test matrix: type check, the suite on Node 20 + Node 24 (compiled),
# Deno and Bun (TypeScript directly), the JSR dry run and the packaging checks
# (scripts/pack_smoke.sh).
# `bash scripts/test.sh node|deno|bun|jsr|pack` runs one part.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$PWD/node_modules/.bin"
# The machine's own Node (20 here), not node_modules/.bin/node (24) that npm puts first on PATH.
NODE20="$(which -a node | grep -v "^$PWD/node_modules/" | head -1)"
NODE24="$BIN/node"
part="${1:-all}"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
passed=0
failed=0
# Runs a test runner, showing its output, and adds its pass/fail counts to the totals.
count() {
  local name="$1"; shift
  local status=0
  "$@" 2>&1 | tee "$logs/$name" || status=$?
  local text p f
  text="$(sed 's/\x1b\[[0-9;]*m//g' "$logs/$name")"
  case "$name" in
    node*) p=$(grep -E '^(# pass|ℹ pass) ' <<<"$text" | tail -1 | awk '{print $3}')
           f=$(grep -E '^(# fail|ℹ fail) ' <<<"$text" | tail -1 | awk '{print $3}') ;;
    deno) p=$(grep -oE '[0-9]+ passed \([0-9]+ steps\)' <<<"$text" | tail -1 | grep -oE '\(([0-9]+) steps' | grep -oE '[0-9]+')
          f=$(grep -oE '\| [0-9]+ failed' <<<"$text" | tail -1 | grep -oE '[0-9]+') ;;
    bun) p=$(grep -E '^ *[0-9]+ pass$' <<<"$text" | tail -1 | awk '{print $1}')
         f=$(grep -E '^ *[0-9]+ fail$' <<<"$text" | tail -1 | awk '{print $1}') ;;
  esac
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  return "$status"
}
want() { [ "$part" = all ] || [ "$part" = "$1" ]; }
step() { printf '\n=== %s\n' "$*"; }

if want check || want node || [ "$part" = all ]; then
  step "type check (tsc --strict)"
  "$BIN/tsc" -p tsconfig.json
fi

if want node; then
  step "build (npm output) and compiled tests"
  rm -rf build/test
  "$NODE24" scripts/build.mjs
  "$BIN/tsc" -p tsconfig.test.json
  mapfile -t files < <(find build/test/tests -name '*.test.js' | sort)
  step "node $("$NODE20" --version) --test (${#files[@]} files)"
  count node20 "$NODE20" --test --test-concurrency=2 "${files[@]}"
  step "node $("$NODE24" --version) --test (${#files[@]} files)"
  count node24 "$NODE24" --test --test-concurrency=2 "${files[@]}"
fi

if want deno; then
  step "deno test ($("$BIN/deno" --version | head -1))"
  count deno "$BIN/deno" test -A --quiet tests/
fi

if want bun; then
  step "bun test ($("$BIN/bun" --version))"
  count bun "$BIN/bun" test --timeout 60000 ./tests/
fi

if want jsr; then
  step "deno doc --lint (every export documented; each entry alone, as JSR shows it)"
  mapfile -t entries < <("$NODE24" -e 'for (const f of Object.values(require("./deno.json").exports)) console.log(f)')
  for entry in "${entries[@]}"; do "$BIN/deno" doc --lint "$entry"; done
  step "deno publish --dry-run (JSR package, no slow types)"
  "$BIN/deno" publish --dry-run --allow-dirty
fi

if want pack; then
  step "packaging: fresh-copy npm pack and JSR dry run, publint, attw, import/require/bin on node 20+24, tsc consumers"
  bash scripts/pack_smoke.sh
fi
step "all requested test parts passed"
echo "tests: $passed passed, $failed failed"
