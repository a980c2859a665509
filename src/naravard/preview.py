"""``naravard preview``: the HTML served on this machine and rebuilt while the author edits.

It builds the HTML only (with the build cache: unchanged figures are copied;
without the workbook and values.json; the data package kept loaded between
builds while its files are unchanged), into ``.naravard/preview/`` in the project, serves it on 127.0.0.1, and
watches the templates, the data package, the catalogue and ``_quarto.yml``
(watchfiles: the operating system reports changes, nothing is polled). After a
change it rebuilds and tells the open pages over server-sent events, and they
reload. A build that fails leaves the last good page up, with the error (file,
line, message) in a banner at its top and in the terminal; the next good build
removes the banner. Ctrl-C stops it.
"""

from __future__ import annotations

import html
import json
import mimetypes
import queue
import re
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from naravard.cache import PREVIEW_DIR
from naravard.errors import NaravardError
from naravard.pipeline import BuildOptions, Session, resolve_paths, run_build
from naravard.progress import Progress

EVENTS = "/_naravard/events"
HEARTBEAT_S = 15

# Added before </body> of every page served: reload on a new build, show or hide the error banner.
CLIENT = """<script>
(function () {
  var events = new EventSource("%s");
  events.addEventListener("built", function () { location.reload(); });
  events.addEventListener("failed", function (e) {
    var error = JSON.parse(e.data), box = document.getElementById("naravard-preview-error");
    if (!box) { box = document.createElement("div"); box.id = "naravard-preview-error"; box.setAttribute("role", "alert");
      document.body.insertBefore(box, document.body.firstChild); }
    box.innerHTML = error.html;
  });
})();
</script>
""" % EVENTS
BANNER_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:0.75rem 1rem;background:#fff0f0;color:#6b0000;"
    "border-bottom:3px solid #b00020;font:1rem/1.4 system-ui,sans-serif;white-space:pre-wrap"
)


@dataclass
class BuildError:
    file: str
    line: int
    message: str

    def text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" if where else self.message

    def html(self) -> str:
        where = html.escape(f"{self.file}, rad {self.line}" if self.line else self.file)
        return (
            f'<div style="{BANNER_STYLE}"><strong>Förhandsvisningen kunde inte byggas om.</strong> '
            f"Sidan nedan är den senaste som gick att bygga.<br>"
            + (f"<strong>Fil:</strong> <code>{where}</code><br>" if where else "")
            + f"<strong>Fel:</strong> <code>{html.escape(self.message)}</code></div>"
        )


def describe(exc: Exception) -> BuildError:
    """File, line and message of a failed build (a template's location, or a file named in the message)."""
    location = getattr(exc, "location", None)
    if location is not None:
        return BuildError(location.file, location.line, getattr(exc, "reason", str(exc)))
    message = str(exc)
    m = re.match(r"(?P<file>[^\s:,]+\.(?:csv|toml|j2|yml|yaml|parquet))(?:[:,] (?:row|rad) (?P<line>\d+))?", message)
    if m:
        return BuildError(m.group("file"), int(m.group("line") or 0), message)
    return BuildError("", 0, message if isinstance(exc, NaravardError) else f"{type(exc).__name__}: {message}")


@dataclass
class State:
    """What the server shows: the folder of the last good build, and the error of the last build if it failed."""

    folder: Path
    page: str | None = None  # the HTML file's name in folder
    error: BuildError | None = None
    clients: list[queue.Queue] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def tell(self, event: str, data: dict) -> None:
        with self.lock:
            for q in self.clients:
                q.put((event, data))


class Handler(BaseHTTPRequestHandler):
    state: State  # set on the subclass the server uses
    stopping: threading.Event

    def log_message(self, *args) -> None:  # the terminal shows builds, not requests
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS:
            return self._events()
        state = self.state
        if path == "/":
            path = "/" + (state.page or "")
        target = (state.folder / path.lstrip("/")).resolve()
        if state.page is None and path == "/":
            return self._send(HTTPStatus.OK, self._page("<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">"
                                                        "<title>naravard preview</title></head><body><p>Ingen sida är byggd ännu.</p></body></html>"),
                              "text/html; charset=utf-8")
        if state.folder.resolve() not in target.parents or not target.is_file():
            return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".html":
            body, kind = self._page(body.decode("utf-8")), "text/html; charset=utf-8"
        self._send(HTTPStatus.OK, body, kind)

    def _page(self, text: str) -> bytes:
        error = self.state.error
        if error is not None:
            text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + f'<div id="naravard-preview-error" role="alert">{error.html()}</div>',
                          text, count=1)
        return text.replace("</body>", CLIENT + "</body>", 1).encode("utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        mine: queue.Queue = queue.Queue()
        with self.state.lock:
            self.state.clients.append(mine)
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not self.stopping.is_set():
                try:
                    event, data = mine.get(timeout=HEARTBEAT_S)
                    self.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
                except queue.Empty:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except OSError:
            pass  # the page was closed
        finally:
            with self.state.lock:
                self.state.clients.remove(mine)


def watched(project, data_dir: Path) -> list[Path]:
    """What a preview rebuilds for: the templates, the data package, the catalogue, the book's configuration."""
    paths = [project.templates_dir, data_dir, project.catalogue_dir, project.quarto_config]
    return [p for p in dict.fromkeys(paths) if p.exists()]


def preview_options(project_dir: Path | None, data_dir: Path | None, out: Path | None) -> BuildOptions:
    """What a preview builds: the HTML alone, without the workbook and values.json (no one reads
    them while writing, and they cost as much as the page)."""
    return BuildOptions(project_dir=project_dir, data_dir=data_dir, out_dir=out, formats=("html",), engine="builtin",
                        companions=False)


class Preview:
    def __init__(self, project_dir: Path | None, data_dir: Path | None, port: int, progress: Progress):
        self.project, _, self.data_dir, _ = resolve_paths(preview_options(project_dir, data_dir, None))
        self.out = self.project.root / PREVIEW_DIR
        self.options = preview_options(self.project.root, self.data_dir, self.out)
        self.progress = progress
        self.session = Session()  # the data package stays loaded while only templates change
        self.state = State(self.out)
        self.stopping = threading.Event()
        handler = type("PreviewHandler", (Handler,), {"state": self.state, "stopping": self.stopping})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def build(self) -> bool:
        try:
            result = run_build(self.options, progress=Progress(verbosity=self.progress.verbosity, stream=self.progress.stream),
                               session=self.session)
        except Exception as exc:  # noqa: BLE001 - any failure is shown; the last good page stays
            self.state.error = describe(exc)
            print(f"Error: {self.state.error.text()}", file=sys.stderr, flush=True)
            self.state.tell("failed", {"html": self.state.error.html(), "file": self.state.error.file,
                                       "line": self.state.error.line, "message": self.state.error.message})
            return False
        self.state.page = result.outputs["html"].name
        self.state.error = None
        self.state.tell("built", {})
        return True

    def watch(self) -> None:
        import watchfiles

        paths = watched(self.project, self.data_dir)
        for changes in watchfiles.watch(*paths, stop_event=self.stopping, debounce=200, raise_interrupt=False):
            names = sorted({Path(p).name for _, p in changes})
            self.progress.note(f"Changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}; rebuilding the HTML")
            self.build()

    def run(self, open_browser: bool = False) -> None:
        self.build()
        watcher = threading.Thread(target=self.watch, name="naravard-watch", daemon=True)
        watcher.start()
        print(self.url, flush=True)  # the result: where to look
        self.progress.note(f"Preview at {self.url} (Ctrl-C stops it); watching {', '.join(str(p) for p in watched(self.project, self.data_dir))}")
        if open_browser:
            import webbrowser

            webbrowser.open(self.url)
        try:
            self.server.serve_forever(poll_interval=0.25)
        except KeyboardInterrupt:
            pass
        finally:
            self.stopping.set()
            self.server.server_close()
            watcher.join(timeout=5)
            self.session.close()
            self.progress.note("Preview stopped.")
