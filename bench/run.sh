#!/usr/bin/env bash
# npm run bench: compiles the sources into bench/.out (gitignored; dist/ is left
# alone) and runs every benchmark on node, deno and bun, writing bench/RESULTS.md.
#   bash bench/run.sh [--runtimes=node,deno,bun] [--repeat=3] [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$PWD/node_modules/.bin"
rm -rf bench/.out
"$BIN/tsc" -p tsconfig.build.json --outDir bench/.out --declaration false --declarationMap false --isolatedDeclarations false --sourceMap false --inlineSources false
"$BIN/node" bench/run.mjs "$@"
"$BIN/node" bench/features_report.mjs
