#!/usr/bin/env python3
"""Time `vqvae-nb evaluate` on the shipped VQ-VAE and prior (the main job's weights), with and without the sample-quality
scores, and write the seconds and the scores as JSON.

    .venv/bin/python tools/evaluate_timing.py --out vqvae_nb/assets/results/evaluate_times.json"""
import argparse, json, os, platform, subprocess, sys, tempfile, time
from pathlib import Path
from vqvae_nb.jobs import asset_path

root = Path(__file__).resolve().parent.parent

def run(extra:list, d:str)->dict:
    "One `vqvae-nb evaluate` on the shipped checkpoints in folder d: its wall time and what it wrote"
    m = Path(d)/f"metrics{len(extra)}.json"
    t = time.perf_counter()
    subprocess.run([str(root/'.venv'/'bin'/'vqvae-nb'), 'evaluate', '--vqvae', str(asset_path('fashion_vqvae.pt')), '--prior',
                    str(asset_path('fashion_prior.pt')), '--metrics', str(m), *extra], check=True, capture_output=True, text=True)
    return dict(seconds=round(time.perf_counter() - t, 1), metrics=json.loads(m.read_text()))

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--out', required=True, help='JSON file to write to')
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d: rows = dict(bound_only=run(['--no-quality'], d), with_quality=run([], d))
    cpu = next((l.split(':', 1)[1].strip() for l in Path('/proc/cpuinfo').read_text().splitlines() if l.startswith('model name')), '') \
        if Path('/proc/cpuinfo').exists() else platform.processor()
    meta = dict(made=time.strftime('%Y-%m-%d'), machine=f"{os.cpu_count()} CPUs ({platform.machine()}), {cpu or 'unknown model'}",
                command=' '.join(['tools/evaluate_timing.py', *sys.argv[1:]]))
    Path(a.out).write_text(json.dumps(dict(meta=meta, results=rows), indent=1) + '\n')
    print({k: v['seconds'] for k, v in rows.items()}, f"wrote {a.out}")

if __name__ == '__main__': main()
