#!/usr/bin/env python3
"""Time `load_folder` on Fashion-MNIST test images written as PNG files, one folder per class: the first read (decode
every file, write the cache) and the second (the cache). Usage: python tools/folder_timing.py [--n 10000]"""
import argparse, json, platform, tempfile, time
from pathlib import Path
import torch
from PIL import Image
from vqvae_nb.data import load_images, load_folder, FASHION_CLASSES

ap = argparse.ArgumentParser(); ap.add_argument('--n', type=int, default=10000); a = ap.parse_args()
root = Path(tempfile.mkdtemp()); x, y = load_images(split='test')
for i in range(a.n):
    d = root/'pngs'/FASHION_CLASSES[y[i % len(y)]].replace('/', '-'); d.mkdir(parents=True, exist_ok=True)
    Image.fromarray(x[i % len(x), 0].numpy()).save(d/f'{i:05d}.png')
res = dict(n=a.n, threads=torch.get_num_threads(), cpu=platform.processor() or platform.machine(), torch=torch.__version__)
for run in ('first read (decode, write the cache)', 'second read (the cache)'):
    t0 = time.perf_counter(); f = load_folder(root/'pngs', cache=root/'cache'); res[run] = round(time.perf_counter() - t0, 2)
res['cache_bytes'] = sum(p.stat().st_size for p in (root/'cache').iterdir())
print(json.dumps(res))
