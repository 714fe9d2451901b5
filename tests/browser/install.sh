#!/usr/bin/env bash
# Idempotent install of the browser-test stack on a fresh Debian (bookworm) machine, as root.
# Installs Debian's Chromium (Playwright's own browser download is NOT used: no internet),
# and voila + playwright + ipykernel into the ACTIVE Python environment (activate the venv first).
set -euo pipefail
PY="${PYTHON:-python}"

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi

# Skip pip when everything is already importable (keeps re-runs fast and offline-safe).
if ! "$PY" -c "import voila, playwright, ipykernel, ipywidgets, PIL, numpy" >/dev/null 2>&1; then
  "$PY" -m pip install -q voila playwright ipykernel ipywidgets pillow numpy
fi

# Register a kernel spec inside this environment so Voila runs the notebook with THIS python.
if ! "$PY" -m jupyter kernelspec list 2>/dev/null | grep -q "^ *python3 .*$("$PY" -c 'import sys;print(sys.prefix)')"; then
  "$PY" -m ipykernel install --sys-prefix >/dev/null
fi

/usr/bin/chromium --version 2>/dev/null  # (the Debian wrapper may warn about /dev/shm; harmless)
"$PY" -c "import voila, playwright, importlib.metadata as m; print('voila', m.version('voila'), '| playwright', m.version('playwright'))"
