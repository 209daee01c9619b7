#!/usr/bin/env python3
"""Times `verbale serve` in a real browser: from a key press to the updated page.

Starts the server (the binary given) on a copy of bench/delegation-8.toml, a headless Chromium
or Firefox through its WebDriver server, and presses keys in a member's function field (a
letter, then Backspace, and so on: every press is an edit that changes the note). For each
press the page itself records, with performance.now():

  key     the keydown event;
  edit    the form's edit request (/api/edit): sent, answered;
  render  the render request (/api/render): sent, answered (with Server-Timing when the server
          sends it: its own shares of rendering, exporting and drawing);
  shown   the frame after the new pages' images are decoded and in the document.

and this script prints the median and 95th percentile of each share, then the memory part: the
server's resident memory on a 40-member file while it renders many times.

  bench/serve.py BINARY [--browser chromium|firefox] [--edits 120] [--renders 600]

Only the standard library: WebDriver is JSON over HTTP.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Installed in the page before the first key: it notes each keydown, the resource timings of
# the edit and render requests, and the frame in which the new pages are drawn.
PROBE = r"""
window.__bench = { marks: [], t0: null, seq: null };
document.addEventListener('keydown', () => {
  window.__bench.t0 = performance.now();
  window.__bench.seq = Number(document.getElementById('pages').dataset.seq || 0);
}, true);
new MutationObserver(() => {
  const b = window.__bench, pages = document.getElementById('pages');
  if (b.t0 === null || Number(pages.dataset.seq) <= b.seq) return;
  const t0 = b.t0; b.t0 = null;
  const images = [...pages.querySelectorAll('img')];
  Promise.all(images.map(i => i.decode().catch(() => null))).then(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const shown = performance.now();
      const resources = performance.getEntriesByType('resource')
        .filter(r => r.startTime >= t0 && /\/api\/(edit|render)/.test(r.name))
        .map(r => ({ name: r.name.replace(/.*\/api\//, ''), start: r.requestStart - t0,
                     end: r.responseEnd - t0,
                     server: (r.serverTiming || []).map(s => [s.name, s.duration]) }));
      b.marks.push({ total: shown - t0, resources });
      performance.clearResourceTimings();
    })));
}).observe(document.getElementById('pages'), { attributes: true, attributeFilter: ['data-seq'] });
return true;
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, what, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"{what} did not listen on port {port}")


class WebDriver:
    """The few WebDriver commands the benchmark needs."""

    def __init__(self, browser):
        self.port = free_port()
        if browser == "chromium":
            args = [shutil.which("chromedriver") or sys.exit("needs chromedriver"), f"--port={self.port}"]
            caps = {"browserName": "chrome", "goog:chromeOptions": {
                "binary": shutil.which("chromium") or sys.exit("needs chromium"),
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1400,1000"]}}
        else:
            args = [shutil.which("geckodriver") or sys.exit("needs geckodriver"),
                    "--host", "127.0.0.1", "--port", str(self.port)]
            caps = {"browserName": "firefox", "moz:firefoxOptions": {
                "binary": shutil.which("firefox-esr") or sys.exit("needs firefox-esr"),
                "args": ["-headless", "--width=1400", "--height=1000"]}}
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        wait_port(self.port, args[0])
        answer = self.call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.session = answer["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())["value"]

    def do(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def js(self, script, *args):
        return self.do("POST", "/execute/sync", {"script": script, "args": list(args)})

    def keys(self, text):
        actions = []
        for key in text:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self.do("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def wait(self, script, what, seconds=60):
        end = time.time() + seconds
        while time.time() < end:
            if self.js(script) is True:
                return
            time.sleep(0.02)
        sys.exit(f"waited {seconds} s for {what}")

    def quit(self):
        try:
            self.do("DELETE", "")
        finally:
            os.killpg(self.process.pid, signal.SIGKILL)


def serve(binary, folder, name):
    """Starts `verbale serve NAME --port 0` in FOLDER; gives the process and the printed URL."""
    process = subprocess.Popen([binary, "serve", name, "--port", "0"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={"PATH": os.environ["PATH"], "SOURCE_DATE_EPOCH": "1700000000"})
    for line in process.stderr:
        match = re.search(r"(http://\S+)", line)
        if match:
            return process, match.group(1)
    sys.exit("verbale serve printed no link")


def workspace():
    folder = tempfile.mkdtemp(prefix="verbale-bench-serve.")
    text = open(os.path.join(ROOT, "bench/delegation-8.toml"), encoding="utf-8").read()
    text = text.replace('emblem = "../examples/examplestan-emblem.png"', 'emblem = "examplestan-emblem.png"')
    open(os.path.join(folder, "delegation-8.toml"), "w", encoding="utf-8").write(text)
    shutil.copy(os.path.join(ROOT, "examples/examplestan-emblem.png"), folder)
    return folder, text


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def typing(binary, browser, edits):
    folder, _ = workspace()
    process, url = serve(binary, folder, "delegation-8.toml")
    driver = WebDriver(browser)
    try:
        driver.do("POST", "/url", {"url": url})
        driver.wait("const p = document.getElementById('pages');"
                    "return !!p && Number(p.dataset.seq || 0) > 0 && !!document.querySelector("
                    "'#delegation-form [name=\"member[3].function\"]');", "the first pages")
        driver.js(PROBE)
        driver.js("const c = document.querySelector('#delegation-form [name=\"member[3].function\"]');"
                  "c.focus(); c.setSelectionRange(c.value.length, c.value.length); return true;")
        marks = []
        for i in range(edits):
            driver.keys("x" if i % 2 == 0 else "\ue003")
            driver.wait(f"return window.__bench.marks.length > {len(marks)};", "the page to follow a key")
            marks = driver.js("return window.__bench.marks;")
            time.sleep(0.05)
        return marks
    finally:
        driver.quit()
        process.send_signal(signal.SIGINT)
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def report(marks, browser):
    def row(name, values):
        if values:
            print(f"  {name:<40} median {statistics.median(values):7.1f} ms   p95 {percentile(values, .95):7.1f} ms")

    def last(mark, kind):
        picked = [r for r in mark["resources"] if r["name"].startswith(kind)]
        return picked[-1] if picked else None

    print(f"key press -> updated page, {len(marks)} edits of an 8-member note in {browser}:")
    row("total (keydown -> frame drawn)", [m["total"] for m in marks])
    edits = [(m, last(m, "edit"), last(m, "render")) for m in marks]
    edits = [(m, e, r) for m, e, r in edits if e and r]
    row("  before the edit is sent (debounce)", [e["start"] for _, e, _ in edits])
    row("  /api/edit round trip", [e["end"] - e["start"] for _, e, _ in edits])
    row("  edit answered -> render sent", [r["start"] - e["end"] for _, e, r in edits])
    row("  /api/render round trip", [r["end"] - r["start"] for _, _, r in edits])
    names = sorted({s[0] for _, _, r in edits for s in r["server"]})
    for name in names:
        row(f"    server: {name}", [s[1] for _, _, r in edits for s in r["server"] if s[0] == name])
    if not names:
        print("    (the server sent no Server-Timing: no split of render, export and draw)")
    row("  render answered -> frame drawn", [m["total"] - r["end"] for m, _, r in edits])
    print(f"  ({len(edits)} of {len(marks)} presses went through one edit and one render)")


def memory(binary, renders):
    folder, text = workspace()
    members = text[text.index("[[member]]"):]
    extra = "\n".join(members.replace('role = "head"', 'role = "adviser"')
                      .replace('name = "', f'name = "{i} ') for i in range(4))
    name = "delegation-40.toml"
    open(os.path.join(folder, name), "w", encoding="utf-8").write(text + "\n" + extra)
    count = (text + extra).count("[[member]]")
    process, url = serve(binary, folder, name)
    try:
        base = url.split("/?")[0]
        token = url.split("token=")[1]
        headers = {"Content-Type": "application/json", "Origin": base, "Cookie": f"verbale_token={token}"}
        body = open(os.path.join(folder, name), encoding="utf-8").read()

        def rss():
            status = open(f"/proc/{process.pid}/status").read()
            return {k: int(re.search(rf"{k}:\s+(\d+)", status).group(1)) // 1024 for k in ("VmRSS", "VmHWM")}

        print(f"\nmemory, {count} members, {renders} renders through /api/render (MB resident):")
        start = time.time()
        for i in range(1, renders + 1):
            # Each render a different text (a counter in a comment), as when typing.
            payload = json.dumps({"name": name, "text": body + f"\n# {i}\n", "seq": i}).encode()
            request = urllib.request.Request(f"{base}/api/render?token={token}", data=payload,
                                             headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=120) as response:
                answer = json.loads(response.read())
                assert answer.get("notes"), answer.get("problems")
            if i in (1, 10) or i % max(1, renders // 6) == 0:
                print(f"  after {i:5} renders: {rss()}  ({(time.time() - start) / i * 1000:.0f} ms a render)")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--browser", choices=["chromium", "firefox"], default="chromium")
    parser.add_argument("--edits", type=int, default=120)
    parser.add_argument("--renders", type=int, default=600)
    args = parser.parse_args()
    if args.edits > 0:
        report(typing(args.binary, args.browser, args.edits), args.browser)
    if args.renders > 0:
        memory(args.binary, args.renders)


if __name__ == "__main__":
    main()
