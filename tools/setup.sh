#!/usr/bin/env bash
# Set up vqvae_nb on a fresh Debian/Ubuntu machine: the Fashion-MNIST files, a virtual environment in .venv, the package.
# Usage: bash tools/setup.sh            (as root, or as a user with sudo)
# Where there is no apt-get (macOS, other Linux), the Debian packages are skipped, with a note of what to do instead.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
python3 -m venv --help >/dev/null 2>&1 && python3 -c "import ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
# speech (chapter 21): Festival and three of its American English voices
command -v festival >/dev/null 2>&1 || need+=(festival)
[ -d /usr/share/festival/voices/english/kal_diphone ] || need+=(festvox-kallpc16k)
[ -d /usr/share/festival/voices/english/ked_diphone ] || need+=(festvox-kdlpc16k)
[ -d /usr/share/festival/voices/us/cmu_us_slt_arctic_hts ] || [ -d /usr/share/festival/voices/english/cmu_us_slt_arctic_hts ] || need+=(festvox-us-slt-hts)
if [ ${#need[@]} -gt 0 ] && ! command -v apt-get >/dev/null 2>&1; then
  echo "setup.sh: no apt-get here, so skipped the Debian package(s): ${need[*]}" >&2
  case " ${need[*]} " in *" dataset-fashion-mnist "*)
    echo "  Fashion-MNIST: \`vqvae-nb train --download\` fetches it into ~/.cache/vqvae_nb (or set VQVAE_NB_DATA to a folder of its IDX files)" >&2;; esac
  case " ${need[*]} " in *" festival"*|*" festvox-"*)
    echo "  Festival (chapter 21, speech): without it the chapter shows its stored results; elsewhere, install Festival and its voices kal_diphone, ked_diphone and cmu_us_slt_arctic_hts (festvox.org)" >&2;; esac
  case " ${need[*]} " in *" python3-venv "*)
    echo "  python3-venv: install a Python 3 with its venv module (python.org, Homebrew), or use pip alone: pip install ." >&2;; esac
elif [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}"
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
.venv/bin/python -c "import torch, vqvae_nb; print('vqvae_nb', vqvae_nb.__version__, '| torch', torch.__version__, '| cuda', torch.cuda.is_available())"
