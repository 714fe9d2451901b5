#!/usr/bin/env python
"""Drive an ipywidgets notebook in a real (headless Debian Chromium) browser via Voila + Playwright.

    python tests/browser/run_browser_test.py NOTEBOOK.ipynb [--screenshot out.png] [--steps JSON]

1. starts `python -m voila NOTEBOOK --no-browser` on a free 127.0.0.1 port (this Python env's kernel);
2. waits for the port, opens the page in /usr/bin/chromium (headless, Playwright, no browser download);
3. waits for the image widget (`img.vq-decoded`, set with `widget.add_class('vq-decoded')`) to render;
4. runs the steps; after each interaction asserts the image CONTENT changed (ipywidgets 8 renders
   Image.value as a `blob:` URL that changes on every update, so bytes are hashed in the page);
5. saves a full-page screenshot; always stops browser, Voila and its kernels (bounded timeouts,
   hard watchdog); all non-loopback requests are blocked (offline guarantee); fails on browser console
   errors (unless --allow-console-errors), prints them and a last line
   `browser: N passed, M failed`; exit code 0 only if everything passed.

Steps (JSON list; default `[{"click": "Next code"}]`):
  {"click": "Next code"}                  button whose text is exactly that
  {"select": "Scale", "value": "x2"}      Dropdown with that description; option by its label
  {"slider": "Code", "value": 5}          (Int/Float)Slider with that description; typed into the readout
  {"text": "Name", "value": "abc"}        Text/IntText/FloatText with that description (fill + Enter)
  {"wait": 0.5}                           sleep seconds
Any interaction step may add "css": ".my-class" (locate the widget by a class added with add_class
instead of its description) and "expect_change": false (don't assert the image changed).
"""
from __future__ import annotations

import argparse, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time
from pathlib import Path
from urllib.parse import urlparse

CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync',
               '--disable-dev-shm-usage', '--no-proxy-server']
LOCAL_HOSTS = {'127.0.0.1', 'localhost', '::1', '[::1]'}
ALLOWED_OFFLINE = re.compile(r'^https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@')

# Hash the image bytes inside the page (works for blob: and data: URLs alike).
IMG_STATE_JS = """async (sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  for (let i = 0; i < 5; i++) {              // src may be revoked/replaced mid-read: retry
    const src = el.src || '';
    if (!src) return {src: '', bytes: 0, hash: '', w: 0, h: 0};
    try {
      const buf = new Uint8Array(await (await fetch(src)).arrayBuffer());
      const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
      const hash = Array.from(d.slice(0, 8)).map(b => b.toString(16).padStart(2, '0')).join('');
      return {src: src.slice(0, 40), bytes: buf.length, hash, w: el.naturalWidth, h: el.naturalHeight,
              complete: el.complete};
    } catch (e) { await new Promise(r => setTimeout(r, 100)); }
  }
  return {src: (el.src || '').slice(0, 40), bytes: -1, hash: 'unreadable:' + el.src, w: 0, h: 0};
}"""


def log(msg: str) -> None:
    print(f'[browser {time.strftime("%H:%M:%S")}] {msg}', flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def tree_of(pid: int) -> list:
    """The process and all its descendants (psutil is a jupyter dependency)."""
    try:
        import psutil
        p = psutil.Process(pid)
        return [p] + p.children(recursive=True)
    except Exception:
        return []


def stop_procs(procs: list, grace: float = 8.0) -> None:
    import psutil
    for p in procs:
        try: p.terminate()
        except psutil.Error: pass
    _, alive = psutil.wait_procs(procs, timeout=grace)
    for p in alive:
        try: p.kill()
        except psutil.Error: pass
    psutil.wait_procs(alive, timeout=3)


class Server:
    def __init__(self, notebook: Path, workdir: Path, startup_timeout: float):
        self.port = free_port()
        self.url = f'http://127.0.0.1:{self.port}/'
        self.log_path = workdir / 'voila.log'
        env = dict(os.environ, JUPYTER_PLATFORM_DIRS='1', JUPYTER_PREFER_ENV_PATH='1',
                   JUPYTER_RUNTIME_DIR=str(workdir / 'runtime'), PYTHONUNBUFFERED='1')
        cmd = [sys.executable, '-m', 'voila', str(notebook), '--no-browser', f'--port={self.port}',
               '--Voila.ip=127.0.0.1', '--show_tracebacks=True', '--VoilaExecutor.kernel_name=python3']
        log('starting: ' + ' '.join(cmd))
        self._log = open(self.log_path, 'wb')
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                                     cwd=str(notebook.parent), env=env, start_new_session=True)
        self.t0 = time.monotonic()
        deadline = self.t0 + startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f'voila exited early with code {self.proc.returncode}\n{self.log_tail()}')
            try:
                with socket.create_connection(('127.0.0.1', self.port), timeout=1):
                    log(f'voila answers on {self.url} after {time.monotonic() - self.t0:.1f}s')
                    return
            except OSError:
                time.sleep(0.25)
        raise TimeoutError(f'voila did not listen within {startup_timeout}s\n{self.log_tail()}')

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(errors='replace').splitlines()
            return '\n'.join('  voila| ' + l for l in lines[-n:])
        except OSError:
            return ''

    def stop(self) -> None:
        procs = tree_of(self.proc.pid)          # voila + kernels (kernels run in their own sessions)
        if self.proc.poll() is None:
            try: self.proc.send_signal(signal.SIGTERM)   # lets voila shut its kernels down
            except ProcessLookupError: pass
            try: self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired: pass
        stop_procs([p for p in procs if p.is_running()])
        self._log.close()
        log(f'voila stopped (rc={self.proc.poll()})')


def widget(page, step: dict, kind_css: str, key: str):
    if 'css' in step:
        return page.locator(step['css']).first
    label = str(step[key])
    rx = re.compile(r'^\s*' + re.escape(label) + r'\s*$')
    return page.locator(kind_css).filter(has=page.locator('label.widget-label', has_text=rx)).first


def do_step(page, step: dict, timeout_ms: int) -> bool:
    """Perform one step; return True if it is an interaction whose image change is expected."""
    if 'wait' in step:
        time.sleep(float(step['wait'])); return False
    if 'click' in step:
        loc = (page.locator(step['css']).first if 'css' in step else
               page.locator('button.jupyter-button, button.widget-button',
                            has_text=re.compile(r'^\s*' + re.escape(str(step['click'])) + r'\s*$')).first)
        loc.click(timeout=timeout_ms)
    elif 'select' in step:
        root = widget(page, step, '.widget-dropdown', 'select')
        root.locator('select').select_option(label=str(step['value']), timeout=timeout_ms)
    elif 'slider' in step:
        root = widget(page, step, '.widget-slider', 'slider')
        readout = root.locator('.widget-readout')
        readout.click(timeout=timeout_ms)
        page.keyboard.press('Control+A')
        page.keyboard.type(str(step['value']))
        page.keyboard.press('Enter')
    elif 'text' in step:
        root = widget(page, step, '.widget-text', 'text')
        box = root.locator('input, textarea').first
        box.fill(str(step['value']), timeout=timeout_ms)
        box.press('Enter')
    else:
        raise ValueError(f'unknown step {step!r}')
    return bool(step.get('expect_change', True))


def run(args) -> list:
    """Returns a list of failure messages (empty = pass)."""
    from playwright.sync_api import sync_playwright, Error as PWError

    failures: list = []
    console: list = []
    blocked: list = []
    notebook = Path(args.notebook).resolve()
    if not notebook.is_file():
        return [f'notebook not found: {notebook}']
    steps = json.loads(Path(args.steps_file).read_text()) if args.steps_file else json.loads(args.steps)
    img_sel = f'img.{args.img_class}, .{args.img_class} img'
    workdir = Path(tempfile.mkdtemp(prefix='vq-browser-'))
    server = browser = None
    to = int(args.step_timeout * 1000)
    try:
        server = Server(notebook, workdir, args.startup_timeout)
        with sync_playwright() as pw:
            t = time.monotonic()
            browser = pw.chromium.launch(executable_path=args.chromium, headless=True, args=CHROME_ARGS,
                                         timeout=30_000)
            log(f'chromium {browser.version} launched in {time.monotonic() - t:.1f}s')
            ctx = browser.new_context(viewport={'width': 1000, 'height': 700})

            def route(r):        # offline guarantee: only this machine's loopback is reachable
                host = urlparse(r.request.url).hostname or ''
                if host in LOCAL_HOSTS:
                    return r.continue_()
                blocked.append(r.request.url); return r.abort()
            ctx.route('**/*', route)
            page = ctx.new_page()
            page.set_default_timeout(to)
            page.on('console', lambda m: m.type in ('error', 'warning') and console.append(
                (m.type, m.text[:300], (m.location or {}).get('url', ''))))
            page.on('pageerror', lambda e: console.append(('pageerror', str(e)[:300], '')))
            page.on('requestfailed', lambda r: r.url not in blocked and
                    console.append(('requestfailed', f'{r.url[:120]} {r.failure}', r.url)))

            t = time.monotonic()
            page.goto(server.url, wait_until='domcontentloaded', timeout=int(args.render_timeout * 1000))
            deadline = time.monotonic() + args.render_timeout
            while not page.locator(img_sel).first.is_visible():
                cell_error = 'Error at server while executing cell' in server.log_tail(400)
                if cell_error or time.monotonic() > deadline:   # fail fast on a notebook exception
                    outs = page.locator('.jp-OutputArea-output').all_inner_texts()
                    outs = list(dict.fromkeys(x.strip()[-600:] for x in outs if x.strip()))
                    why = 'a notebook cell raised' if cell_error else f'no {img_sel!r} within {args.render_timeout}s'
                    raise RuntimeError(f'widgets did not render: {why}; page output:\n'
                                       + ('\n'.join(outs) or '(none)') + f'\n{server.log_tail(15)}')
                time.sleep(0.25)
            page.wait_for_function('(s) => { const e = document.querySelector(s); return e && e.complete && e.naturalWidth > 0; }',
                                   arg=img_sel, timeout=to)
            log(f'widgets rendered in {time.monotonic() - t:.1f}s (server up {time.monotonic() - server.t0:.1f}s)')

            state = page.evaluate(IMG_STATE_JS, img_sel)
            log(f'initial image: {state}')
            for i, step in enumerate(steps, 1):
                before = state
                expect = do_step(page, step, to)
                if not expect:
                    log(f'step {i} {step}: done'); continue
                deadline = time.monotonic() + args.step_timeout
                while True:
                    state = page.evaluate(IMG_STATE_JS, img_sel)
                    if state and state['hash'] != before['hash'] and state['w'] > 0:
                        log(f'step {i} {step}: image changed {before["hash"]} -> {state["hash"]} '
                            f'({state["bytes"]} B, {state["w"]}x{state["h"]}, src {state["src"]}...)')
                        break
                    if time.monotonic() > deadline:
                        failures.append(f'step {i} {step}: image did not change within {args.step_timeout}s '
                                        f'(still {state})')
                        break
                    time.sleep(0.2)
            time.sleep(0.3)
            if args.screenshot:
                Path(args.screenshot).parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=args.screenshot, full_page=True, timeout=to)
                log(f'screenshot: {args.screenshot}')
            try: ctx.close()
            except PWError: pass
            browser.close(); browser = None
    except Exception as e:  # noqa: BLE001 - every failure becomes a clear message
        failures.append(f'{type(e).__name__}: {e}')
    finally:
        if server is not None:
            try: server.stop()
            except Exception as e: failures.append(f'stopping voila: {e}')
        shutil.rmtree(workdir, ignore_errors=True)
    # Voila's lab template hard-codes Font Awesome CSS from a CDN: offline, only button icons are lost.
    benign = [u for u in blocked if ALLOWED_OFFLINE.search(u)]
    bad_blocked = sorted(set(blocked) - set(benign))
    if blocked:
        log(f'{len(blocked)} non-local request(s) blocked ({len(benign)} known-benign): '
            + ', '.join(sorted(set(blocked))[:10]))
    errors = [c for c in console if c[0] != 'warning' and not (c[2] and c[2] in benign)]
    log(f'browser console: {len(errors)} error(s), {sum(c[0] == "warning" for c in console)} warning(s)'
        f'{" (not shown; --verbose)" if not args.verbose else ""}'
        f'{", ignored: " + str(len(console) - len(errors) - sum(c[0] == "warning" for c in console)) + " from blocked CDN CSS" if benign else ""}')
    for c in (console if args.verbose else errors)[:40]:
        print(f'    {c[0]}: {c[1]}' + (f'  [{c[2][:100]}]' if c[2] else ''))
    if not args.allow_console_errors:
        if bad_blocked: failures.append(f'page needs the internet: {bad_blocked[:5]} (use --allow-console-errors to ignore)')
        if errors: failures.append(f'{len(errors)} browser console error(s), see above (use --allow-console-errors to ignore)')
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('notebook')
    ap.add_argument('--screenshot', default=None, help='PNG path for a full-page screenshot')
    ap.add_argument('--steps', default='[{"click": "Next code"}]', help='JSON list of steps (see above)')
    ap.add_argument('--steps-file', default=None, help='file holding the JSON steps (overrides --steps)')
    ap.add_argument('--img-class', default='vq-decoded', help='CSS class of the ipywidgets.Image to watch')
    ap.add_argument('--chromium', default=os.environ.get('CHROMIUM', '/usr/bin/chromium'))
    ap.add_argument('--startup-timeout', type=float, default=30)
    ap.add_argument('--render-timeout', type=float, default=45, help='page load + kernel + widget render')
    ap.add_argument('--step-timeout', type=float, default=15)
    ap.add_argument('--total-timeout', type=float, default=120, help='hard wall-clock limit for everything')
    ap.add_argument('--allow-console-errors', action='store_true',
                    help='do not fail on browser console errors / pages needing non-local resources')
    ap.add_argument('--verbose', action='store_true', help='also print console warnings')
    args = ap.parse_args()

    finished = threading.Event()
    timed_out = threading.Event()

    def final_line(ok: bool) -> None:
        print(f'browser: {int(ok)} passed, {int(not ok)} failed', flush=True)

    def watchdog():   # never hang CI. Kills only processes this script started (voila, kernels, browser).
        timed_out.set()
        log(f'TIMEOUT: exceeded --total-timeout={args.total_timeout:g}s, killing server and browser')
        stop_procs(tree_of(os.getpid())[1:], grace=3)
        if not finished.wait(15):                  # main thread still stuck: hard exit
            final_line(False); os._exit(124)
    wd = threading.Timer(args.total_timeout, watchdog); wd.daemon = True; wd.start()

    t0 = time.monotonic()
    failures = run(args)
    wd.cancel()
    if timed_out.is_set():
        failures.insert(0, f'TIMEOUT: whole test exceeded --total-timeout={args.total_timeout:g}s')
    for f in failures: print(f'FAIL: {f}', flush=True)
    log(f'{Path(args.notebook).name}: {"FAILED" if failures else "ok"} in {time.monotonic() - t0:.1f}s')
    finished.set()
    final_line(not failures)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
