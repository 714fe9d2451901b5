#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb without Quarto (nbdev-readme needs it): markdown cells as they are, code cells
as Python blocks, nbdev directives and hidden cells left out. `--check` exits 1 when README.md is out of date."""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render(nb_path=root/'nbs'/'index.ipynb')->str:
    parts = []
    for c in json.loads(Path(nb_path).read_text())['cells']:
        src = ''.join(c['source']).strip('\n')
        lines = src.split('\n')
        if c['cell_type'] == 'code':
            if any(l.strip() in ('#| hide', '#|hide', '#| exec_doc') for l in lines): continue
            body = '\n'.join(l for l in lines if not l.startswith('#|')).strip('\n')
            if body: parts.append(f"```python\n{body}\n```")
        elif src: parts.append(re.sub(r'\]\((\d\d_[\w-]+\.ipynb|images/)', r'](nbs/\1', src))   # links to chapters and images, from the repo's root
    note = '<!-- generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file -->'
    return note + '\n\n' + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    txt, dest = render(), root/'README.md'
    if '--check' in sys.argv:
        if not dest.exists() or dest.read_text() != txt:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python tools/readme.py` and commit README.md')
        print('README.md is in step with nbs/index.ipynb')
    else: dest.write_text(txt); print(f'wrote {dest}')
