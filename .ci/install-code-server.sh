#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3, the last release that runs on Node 20)
# into the git-ignored .vscode-test/code-server, for the in-host and UI test layers and `npm start`.
# Recipe: ../shared/docs/vscode-testing.md. Idempotent: does nothing when already installed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.vscode-test/code-server"
bin="$dest/node_modules/.bin/code-server"
[ -x "$bin" ] && exit 0
if ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq ripgrep libkrb5-dev >/dev/null
  else
    echo "code-server needs ripgrep and libkrb5-dev: sudo apt-get install ripgrep libkrb5-dev" >&2; exit 1
  fi
fi
# @vscode/ripgrep's postinstall downloads from GitHub; it looks in this cache first.
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache/x"
cp "$(command -v rg)" "$cache/x/"
tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$cache/x" rg
mkdir -p "$dest"
cd "$dest"
echo '{"private":true}' > package.json
echo "Installing code-server 4.100.3 into $dest (about a minute, once)…" >&2
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error code-server@4.100.3 >&2
[ -x "$bin" ] || { echo "code-server install failed: $bin missing" >&2; exit 1; }
