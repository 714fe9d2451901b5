#!/usr/bin/env bash
# Set up vqvae_nb on a fresh Debian/Ubuntu machine: the Fashion-MNIST files, a virtual environment in .venv, the package.
# Usage: bash tools/setup.sh            (as root, or as a user with sudo)
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
python3 -m venv --help >/dev/null 2>&1 && python3 -c "import ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}"
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
.venv/bin/python -c "import torch, vqvae_nb; print('vqvae_nb', vqvae_nb.__version__, '| torch', torch.__version__, '| cuda', torch.cuda.is_available())"
