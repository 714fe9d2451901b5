"""Phoneme discovery's baselines on the Festival corpus (issue 23, groundwork): chance, and k-means of log-mel frames.

    python wip/issue-23/baseline.py /tmp/speech --k 128 --hop 640     # 25 Hz frames, as the paper's phone experiment

Each frame gets the phone at its centre. k-means (K clusters) is fitted on the frames of the first 80% of the sentences
of every voice; each cluster is mapped to its most frequent phone there, and the frame accuracy of that mapping is
measured on the other 20%. Chance is the most frequent phone. Also the mutual information between cluster and phone."""
import argparse, json, math, sys
from pathlib import Path
import numpy as np, torch
sys.path.insert(0, str(Path(__file__).parent))
from corpus import read_wav, frame_phones, RATE

def mel_filters(n_fft:int, n_mels:int=40, rate:int=RATE)->torch.Tensor:
    "(n_mels, n_fft // 2 + 1) triangular filters, equally spaced on the mel scale"
    mel = lambda f: 2595 * np.log10(1 + f / 700); hz = lambda m: 700 * (10 ** (m / 2595) - 1)
    edges = hz(np.linspace(mel(0), mel(rate / 2), n_mels + 2)); bins = np.linspace(0, rate / 2, n_fft // 2 + 1)
    fb = np.maximum(0, np.minimum((bins - edges[:-2, None]) / (edges[1:-1, None] - edges[:-2, None]),
                                  (edges[2:, None] - bins) / (edges[2:, None] - edges[1:-1, None])))
    return torch.tensor(fb, dtype=torch.float32)

def logmel(x:np.ndarray, hop:int, n_fft:int=1024)->torch.Tensor:
    "(frames, 40) log-mel features, one frame per `hop` samples"
    s = torch.stft(torch.tensor(x), n_fft, hop, window=torch.hann_window(n_fft), center=True, return_complex=True).abs() ** 2
    return (mel_filters(n_fft) @ s).clamp_min(1e-8).log().T[:len(x) // hop]

def kmeans(x:torch.Tensor, k:int, iters:int=30, seed:int=0)->torch.Tensor:
    "(k, d) centroids by Lloyd's algorithm from k random frames"
    g = torch.Generator().manual_seed(seed); c = x[torch.randperm(len(x), generator=g)[:k]].clone()
    for _ in range(iters):
        a = torch.cdist(x, c).argmin(1)
        for j in range(k):
            if (a == j).any(): c[j] = x[a == j].mean(0)
    return c

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('corpus'); ap.add_argument('--k', type=int, default=128); ap.add_argument('--hop', type=int, default=640)
    a = ap.parse_args(); d = Path(a.corpus); meta = json.loads((d/'corpus.json').read_text())
    n = len(meta['texts']); split = int(0.8 * n)
    feats, phones, train = [], [], []
    for u in meta['utts']:
        f = logmel(read_wav(d/'wav'/f"{u['voice']}_{u['i']:05d}.wav"), a.hop)
        feats.append(f); phones += frame_phones(u['segments'], len(f), a.hop / RATE); train += [u['i'] < split] * len(f)
    x, train = torch.cat(feats), torch.tensor(train)
    x = (x - x[train].mean(0)) / x[train].std(0)
    names = sorted(set(phones)); y = torch.tensor([names.index(p) for p in phones])
    c = kmeans(x[train], a.k); z = torch.cdist(x, c).argmin(1)
    joint = torch.zeros(a.k, len(names)); joint.index_put_((z[train], y[train]), torch.ones(int(train.sum())), accumulate=True)
    mapping = joint.argmax(1)
    test = ~train
    acc = (mapping[z[test]] == y[test]).float().mean().item()
    chance = (y[test] == y[train].bincount(minlength=len(names)).argmax()).float().mean().item()
    jt = torch.zeros(a.k, len(names)); jt.index_put_((z[test], y[test]), torch.ones(int(test.sum())), accumulate=True)
    p = jt / jt.sum(); pz, py = p.sum(1, keepdim=True), p.sum(0, keepdim=True)
    mi = (p * (p / (pz * py)).log2()).nan_to_num().sum().item()
    hy = -(py * py.log2()).nan_to_num().sum().item()
    print(f"{len(x):,} frames of {a.hop / RATE * 1000:.0f} ms ({int(train.sum()):,} train), {len(names)} phones, K = {a.k}: "
          f"k-means of log-mel frames {acc:.1%} on held-out sentences, chance (most frequent phone) {chance:.1%}; "
          f"I(cluster; phone) = {mi:.2f} bits of H(phone) = {hy:.2f} bits")

if __name__ == '__main__': main()
