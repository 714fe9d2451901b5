#!/usr/bin/env python3
"""Time the README's main job (`vqvae-nb train`, `prior`, `sample`, `evaluate`) against an older commit's, alternately
on the same machine, idle or with one core kept busy, and write the table's rows as JSON.

    .venv/bin/python tools/main_job_timing.py --old 7eff9eb --rounds 2 --out times.json [--busy]

Each run is the four commands as the README gives them (`--no-progress` for `train` and `prior`), in a fresh folder, with
this checkout's `.venv`. The old commit's package is checked out into a temporary git worktree and put first on
PYTHONPATH, so the same interpreter and libraries run both. `--busy` keeps one Python busy loop at normal priority
running beside every run: the case of a laptop with a second notebook or a browser tab computing."""
import argparse, json, os, platform, subprocess, sys, tempfile, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
STEPS = (('train', ['--no-progress']), ('prior', ['--no-progress']), ('sample', []), ('evaluate', []))

def run_job(label:str, pythonpath:str|None, busy:bool, keep:str|None=None, limit:int|None=None)->dict:
    "One main job in a fresh folder: the wall time of each command, and the metrics it wrote"
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONPATH'}
    if pythonpath: env['PYTHONPATH'] = pythonpath
    spinner = subprocess.Popen([sys.executable, '-c', 'while True: pass']) if busy else None
    row = dict(run=label, busy=busy, start=time.strftime('%H:%M:%S'), seconds={})
    try:
        with tempfile.TemporaryDirectory(prefix='main-job-') as d:
            for name, extra in STEPS:
                t = time.perf_counter()
                try: r = subprocess.run([str(root/'.venv'/'bin'/'vqvae-nb'), name, *extra], cwd=d, env=env, capture_output=True,
                                        text=True, timeout=limit)
                except subprocess.TimeoutExpired:                 # recorded as stopped, and the run ends here
                    row['stopped'] = f"vqvae-nb {name} stopped after {limit} s"; print(json.dumps(row), flush=True); return row
                row['seconds'][name] = round(time.perf_counter() - t, 1)
                if r.returncode: sys.exit(f"{label}: vqvae-nb {name} failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
            v = json.loads((Path(d)/'runs'/'vqvae'/'metrics.json').read_text())
            p = json.loads((Path(d)/'runs'/'prior'/'metrics.json').read_text())
            if keep: subprocess.run(['rm', '-rf', keep]); subprocess.run(['cp', '-r', str(Path(d)/'runs'), keep], check=True)
    finally:
        if spinner: spinner.kill(); spinner.wait()
    row['seconds']['total'] = round(sum(row['seconds'].values()), 1)
    row.update(psnr=v['psnr'], codes_used=v['codes_used'], n_codes=v['config']['n_codes'], prior_bits_per_latent=p['nll_bits_per_latent'],
               prior_fit_seconds=p['train_seconds'], bits_per_dim=p['bound']['bits_per_dim'],
               bits_per_dim_given_label=p['bound']['bits_per_dim_given_label'])
    print(json.dumps(row), flush=True)
    return row

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--old', required=True, help='the commit to compare against (its package, this checkout\'s .venv)')
    ap.add_argument('--rounds', type=int, default=2, help='pairs of runs, old then new')
    ap.add_argument('--busy', action='store_true', help='keep one core busy (a Python loop at normal priority) during every run')
    ap.add_argument('--out', required=True, help='JSON file to write the rows to')
    ap.add_argument('--limit', type=int, help='stop a command that runs longer than this many seconds (the row says so)')
    ap.add_argument('--keep', help="copy the last new run's runs/ folder here (its checkpoints and metrics)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix='old-') as tmp:
        old = Path(tmp)/'tree'
        subprocess.run(['git', '-C', str(root), 'worktree', 'add', '--detach', str(old), a.old], check=True, capture_output=True)
        try:
            rows = []
            for _ in range(a.rounds):
                rows.append(run_job(f'old ({a.old})', str(old), a.busy, limit=a.limit))
                rows.append(run_job('new', None, a.busy, a.keep, a.limit))
        finally: subprocess.run(['git', '-C', str(root), 'worktree', 'remove', '--force', str(old)], check=False)
    new = subprocess.run(['git', '-C', str(root), 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(':', 1)[1].strip() for l in Path('/proc/cpuinfo').read_text().splitlines() if l.startswith('model name')), '') \
        if Path('/proc/cpuinfo').exists() else platform.processor()
    meta = dict(made=time.strftime('%Y-%m-%d'), machine=f"{os.cpu_count()} CPUs ({platform.machine()}), {cpu or 'unknown model'}",
                command=' '.join(['tools/main_job_timing.py', *sys.argv[1:]]), new=new + (' + uncommitted changes' if subprocess.run(
                    ['git', '-C', str(root), 'diff', '--quiet', 'HEAD'], check=False).returncode else ''), old=a.old, busy=a.busy)
    Path(a.out).write_text(json.dumps(dict(meta=meta, results=rows), indent=1) + '\n')
    print(f"wrote {a.out}")

if __name__ == '__main__': main()
