#!/usr/bin/env bash
# Installs Debian's chromium when it is missing, for the tests that open reports in a headless
# browser. Idempotent; needs root (apt) the first time. Prints the browser's path.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends chromium >&2
fi
command -v chromium
