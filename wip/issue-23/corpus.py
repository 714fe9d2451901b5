"""A multi-speaker speech corpus with exact phone alignments, synthesised by Festival (issue 23, groundwork).

    python wip/issue-23/corpus.py --n 200 --out /tmp/speech      # 200 sentences per voice

Needs Debian's festival, festvox-kallpc16k, festvox-kdlpc16k and festvox-us-slt-hts (apt). Each voice is one speaker.
Sentences come from a seeded toy grammar, so the corpus is reproducible. Festival writes each sentence's waveform and
the end time of every phone segment (its own timings, not a forced alignment). Not part of the package yet."""
import argparse, json, random, re, subprocess, tempfile, time, wave
from pathlib import Path
import numpy as np

VOICES = {'kal': 'voice_kal_diphone', 'ked': 'voice_ked_diphone', 'slt': 'voice_cmu_us_slt_arctic_hts'}
RATE = 16000

WORDS = dict(
    det=['the', 'a', 'every', 'one', 'my', 'your', 'that', 'this'],
    adj=['red', 'quick', 'lazy', 'small', 'green', 'old', 'bright', 'heavy', 'quiet', 'warm', 'sharp', 'broken', 'yellow'],
    noun=['dog', 'fox', 'ship', 'garden', 'teacher', 'window', 'river', 'basket', 'engine', 'letter', 'mountain', 'pencil',
          'city', 'kitchen', 'horse', 'cloud', 'bottle', 'machine', 'island', 'jacket'],
    verb=['jumps over', 'finds', 'carries', 'paints', 'watches', 'follows', 'pushes', 'cleans', 'reaches', 'breaks',
          'opens', 'moves past', 'sees', 'holds'],
    adv=['today', 'slowly', 'again', 'at night', 'in the morning', 'without a sound', 'near the house', 'every week'])

def sentences(n:int, seed:int=0)->list:
    "n reproducible sentences from a toy grammar: det adj noun verb det (adj) noun (adverbial)"
    r, out = random.Random(seed), []
    for _ in range(n):
        w = [r.choice(WORDS['det']), r.choice(WORDS['adj']), r.choice(WORDS['noun']), r.choice(WORDS['verb']),
             r.choice(WORDS['det'])] + ([r.choice(WORDS['adj'])] if r.random() < 0.5 else []) + [r.choice(WORDS['noun'])]
        if r.random() < 0.5: w.append(r.choice(WORDS['adv']))
        out.append(' '.join(w).capitalize() + '.')
    return out

def synthesise(voice:str, texts:list, folder:Path)->list:
    "Run one Festival process for all texts in `voice`: WAV files in `folder`, and each text's (phone, end seconds) list"
    folder.mkdir(parents=True, exist_ok=True)
    scm = [f'({VOICES[voice]})']
    for i, t in enumerate(texts):
        scm += [f'(set! utt (Utterance Text "{t}"))', '(utt.synth utt)', f'(utt.save.wave utt "{folder}/{voice}_{i:05d}.wav" \'riff)',
                f'(format t "UTT {i}\\n")',
                "(mapcar (lambda (s) (format t \"%s %f\\n\" (item.name s) (item.feat s \"end\"))) (utt.relation.items utt 'Segment))"]
    with tempfile.NamedTemporaryFile('w', suffix='.scm', delete=False) as f: f.write('\n'.join(scm) + '\n')
    out = subprocess.run(['festival', '--batch', f.name], capture_output=True, text=True, check=True).stdout
    segs, cur = [], None
    for line in out.splitlines():
        if line.startswith('UTT '): cur = []; segs.append(cur)
        elif cur is not None and (m := re.fullmatch(r'(\S+) ([0-9.]+)', line.strip())): cur.append((m[1], float(m[2])))
    assert len(segs) == len(texts), (voice, len(segs), len(texts))
    return segs

def read_wav(path:Path)->np.ndarray:
    "A mono int16 WAV as float32 in [-1, 1], resampled to 16 kHz by averaging when it is an integer multiple"
    with wave.open(str(path)) as w: rate, x = w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), np.int16)
    x = x.astype(np.float32) / 32768
    if rate != RATE:
        k = rate // RATE; assert k * RATE == rate, rate
        x = x[:len(x) // k * k].reshape(-1, k).mean(1)
    return x

def frame_phones(segs:list, n_frames:int, hop:float)->list:
    "The phone at the centre of each frame of `hop` seconds"
    out, j = [], 0
    for f in range(n_frames):
        t = (f + 0.5) * hop
        while j < len(segs) - 1 and segs[j][1] <= t: j += 1
        out.append(segs[j][0])
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--n', type=int, default=200); ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--out', default='/tmp/speech')
    a = ap.parse_args(); out = Path(a.out); texts = sentences(a.n, a.seed)
    meta = dict(texts=texts, voices=list(VOICES), rate=RATE, utts=[])
    for v in VOICES:
        t = time.perf_counter(); segs = synthesise(v, texts, out/'wav')
        secs = 0.
        for i, s in enumerate(segs):
            x = read_wav(out/'wav'/f'{v}_{i:05d}.wav'); secs += len(x) / RATE
            meta['utts'].append(dict(voice=v, i=i, n_samples=len(x), segments=s))
        print(f"{v}: {len(texts)} sentences, {secs / 60:.1f} min of audio, synthesised in {time.perf_counter() - t:.1f} s")
    (out/'corpus.json').write_text(json.dumps(meta))
    phones = sorted({p for u in meta['utts'] for p, _ in u['segments']})
    print(f"{len(phones)} phones: {' '.join(phones)}; written to {out}")

if __name__ == '__main__': main()
