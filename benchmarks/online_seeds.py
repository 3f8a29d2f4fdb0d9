"""Request counts and wall time of a first and a second `--online` run over the seeds,
against the loopback fixture server (tests/recorded/server.py); no internet is used.

Run on demand (not a test):

    .venv/bin/python benchmarks/online_seeds.py                  # production pacing
    .venv/bin/python benchmarks/online_seeds.py --pacing none    # no per-host intervals
    .venv/bin/python benchmarks/online_seeds.py PATH [PATH ...]   # other documents

Every source's base URL points at the server, and `references.url-map` sends each web
host that the documents link to (www.youtube.com, www.reuters.com, ...) to the server's
/web/<host>/ prefix. The server answers what tests/recorded/*.json records, 404 for the
JADE-1 post of seed 002 (the issue says it is dead), 200 for every other page, and
"nothing known" for name look-ups it has no record of. Both runs use the real CLI
(`checker check --online`) with one cache directory, so the second run shows what the
cache saves. Printed: wall time, requests the server saw (by source), requests the
client counted, cache hits, and findings of the online rules.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.cli import main  # noqa: E402
from checker.core.config import Config  # noqa: E402
from checker.core.engine import load_inputs  # noqa: E402
from checker.extract.links import LinkKind, links_of  # noqa: E402
from tests.recorded.server import Answer, FixtureServer, reference_config  # noqa: E402

DEFAULT_PATHS = [ROOT.parent / "shared/corpus/seeds"]
DEAD = {"https://www.huggingface.co/blog/jade-1-release"}
ONLINE_RULES = ("link.dead", "link.refused", "name.unverified", "date.stale", "date.anachronism")
EMPTY_FEED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    b'<opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0'
    b"</opensearch:totalResults></feed>"
)


def web_hosts(paths: list[str]) -> set[str]:
    docs, _ = load_inputs(paths, Config())
    return {urlsplit(link.target).netloc for d in docs for link in links_of(d) if link.kind is LinkKind.URL}


def prepare_server(hosts: set[str]) -> FixtureServer:
    server = FixtureServer().load()
    for url in DEAD:
        parts = urlsplit(url)
        server.add("GET", f"/web/{parts.netloc}{parts.path}", Answer(404, {"Content-Type": "text/html"}, b"Not Found"))
    json_type = {"Content-Type": "application/json"}
    server.fallbacks = [
        ("/web/", Answer(200, {"Content-Type": "text/html"}, b"<html><body>ok</body></html>")),
        ("/wikidata/", Answer(200, json_type, b'{"searchinfo": {}, "search": [], "success": 1}')),
        ("/huggingface/api/models?", Answer(200, json_type, b"[]")),
        ("/pypi/", Answer(404, json_type, b'{"message": "Not Found"}')),
        ("/arxiv/", Answer(200, {"Content-Type": "application/atom+xml"}, EMPTY_FEED)),
    ]
    return server.start()


def write_config(folder: Path, server: FixtureServer, hosts: set[str], pacing: str) -> Path:
    extra: dict[str, object] = {
        "url-map": {f"https://{h}/": f"{server.url}/web/{h}/" for h in sorted(hosts)}
        | {f"http://{h}/": f"{server.url}/web/{h}/" for h in sorted(hosts)},
        "unchecked-hosts": ["x.com", "mp.weixin.qq.com"],
    }
    if pacing == "default":
        extra["rate-limits"] = {}  # the production intervals (arXiv 3 s, links 0.2 s, ...)
    table = reference_config(server, folder / "cache", **extra)
    lines = ["[references]"] + [f"{json.dumps(k)} = {_toml(v)}" for k, v in table.items()]
    path = folder / "checker.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def run(paths: list[str], config: Path, today: str) -> tuple[float, dict[str, Any], str]:
    out, err = io.StringIO(), io.StringIO()
    args = [
        "check",
        *paths,
        "--online",
        "--config",
        str(config),
        "--format",
        "json",
        "--today",
        today,
        "--fail-on",
        "never",
    ]
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"checker exited {code}: {err.getvalue()}")
    return elapsed, json.loads(out.getvalue()), err.getvalue().strip()


def by_source(server: FixtureServer) -> Counter[str]:
    return Counter(r.path.split("/")[1] for r in server.requests)


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(p) for p in DEFAULT_PATHS])
    parser.add_argument("--pacing", choices=("default", "none"), default="default")
    parser.add_argument("--today", default="2026-11-23")
    args = parser.parse_args(argv)
    hosts = web_hosts(args.paths)
    server = prepare_server(hosts)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            config = write_config(Path(tmp), server, hosts, args.pacing)
            print(
                f"documents: {', '.join(args.paths)}; web hosts mapped to the server: {len(hosts)}; "
                f"pacing: {args.pacing}"
            )
            for label in ("first run (empty cache)", "second run (same cache)"):
                server.reset_counts()
                elapsed, report, note = run(args.paths, config, args.today)
                findings = Counter(f["rule"] for f in report["findings"] if f["rule"] in ONLINE_RULES)
                print(f"\n{label}: {elapsed:.2f} s wall")
                print(f"  server saw {server.count()} requests: {dict(sorted(by_source(server).items()))}")
                print(f"  client: {note.removeprefix('checker: ')}")
                print(f"  online-rule findings: {dict(sorted(findings.items()))}")
                for f in report["findings"]:
                    if f["rule"] in ("link.dead", "date.stale") and label.startswith("first"):
                        print(f"    {f['rule']} {Path(f['path']).name}:{f['line']} {f['message'][:110]}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main_())
