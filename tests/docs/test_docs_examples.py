"""Every code example in docs/ runs as written, and the site builds with warnings as errors.

Each fenced block of every page is one of:

- ``python``: executed, the page's blocks in order in one namespace (a page reads like a
  session), in a temporary working directory;
- ``console``: each line starting with ``$ detente`` is run through the CLI's entry point and
  must exit 0 (``$ python3 dev.py CMD`` is the same as ``$ detente CMD``);
- ``yaml``: a whole scenario (``format: detente/1``) must load without a problem;
- ``text``, ``json``, ``csv`` or ``output``: shown, not run.

A block without a language fails the test: every example says what it is. An HTML comment on
the line before a fence adjusts it: ``<!-- test: skip REASON -->`` (the reason is required),
``<!-- test: replace OLD => NEW; ... -->`` (e.g. fewer draws), ``<!-- test: output -->`` on a
``text`` block (it must equal what the page's previous ``python`` block printed) and
``<!-- test: actors A B C -->`` on a scenario fragment (it is loaded with those actors) and
``<!-- test: append FILE -->`` on a yaml block (it is appended to FILE in the working directory
and the file, so far, must load: how a tutorial builds a scenario section by section).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GENERATED = {"reference/scenario-schema.md"}
"""Pages whose content is generated at build time (checked by the build test)."""

FENCE = re.compile(
    r"(?:<!--\s*test:\s*(?P<directive>[^\n]*?)\s*-->[ \t]*\n)?"
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```",
    re.DOTALL | re.MULTILINE,
)
SHOWN = {"text", "json", "csv", "output"}


@dataclass(frozen=True)
class Block:
    """One fenced block of a page."""

    page: str
    line: int
    lang: str
    body: str
    directive: str

    def where(self) -> str:
        return f"docs/{self.page}:{self.line}"

    def source(self) -> str:
        text = self.body
        match = re.match(r"replace (.*)", self.directive)
        if match:
            for pair in match.group(1).split(";"):
                old, new = (part.strip() for part in pair.split("=>"))
                assert old in text, f"{self.where()}: nothing to replace for {old!r}"
                text = text.replace(old, new)
        return text


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    relative = page.relative_to(DOCS).as_posix()
    return [
        Block(
            relative,
            text.count("\n", 0, m.start("lang")) + 1,
            m.group("lang"),
            _dedent(m.group("body"), m.group("indent")),
            m.group("directive") or "",
        )
        for m in FENCE.finditer(text)
    ]


def _dedent(body: str, indent: str) -> str:
    return "".join(
        line[len(indent) :] if line.startswith(indent) else line for line in body.splitlines(True)
    )


PAGES = sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).as_posix() not in GENERATED)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch working directory where the repository's examples/ are at hand."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    return tmp_path


def _run_console(block: Block) -> None:
    from detente.cli.app import main

    for raw in block.source().splitlines():
        line = raw.strip()
        if not line.startswith("$ "):
            continue
        argv = shlex.split(line[2:], comments=True)
        if argv[:2] == ["python3", "dev.py"]:
            argv = ["detente", *argv[2:]]
        assert argv[0] == "detente", f"{block.where()}: only detente commands run: {line}"
        with pytest.raises(SystemExit) as done, contextlib.redirect_stdout(io.StringIO()):
            main(argv[1:])
        assert done.value.code in (0, None), f"{block.where()}: `{line[2:]}` failed"


def _load_yaml(block: Block) -> None:
    from detente.scenario import load

    text = block.source()
    appended = re.match(r"append (\S+)", block.directive)
    if appended:
        target = Path(appended.group(1))
        with target.open("a", encoding="utf-8") as sink:
            sink.write(text)
        load(target)
        return
    match = re.match(r"actors ((?:\w+\s*)+)", block.directive)
    if match:
        actors = "".join(f"  - {{id: {a}, name: {a}}}\n" for a in match.group(1).split())
        text = f"format: detente/1\nid: fragment\ntitle: fragment\nactors:\n{actors}{text}"
    assert text.lstrip().startswith("format: detente/1"), (
        f"{block.where()}: a yaml block is a whole scenario, or says its actors "
        "(<!-- test: actors A B -->) or is shown as text"
    )
    load(text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_examples_run(page: Path, in_tmp: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    printed = ""
    for block in blocks(page):
        if block.directive.startswith("skip"):
            assert block.directive[4:].strip(), f"{block.where()}: say why it is skipped"
            continue
        if block.lang == "python":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(block.source(), block.where(), "exec"), namespace)
            printed = out.getvalue()
        elif block.lang == "console":
            _run_console(block)
        elif block.lang == "yaml":
            _load_yaml(block)
        elif block.lang in SHOWN:
            if block.directive == "output":
                assert printed.rstrip() == block.body.rstrip(), f"{block.where()}: output differs"
        else:
            pytest.fail(f"{block.where()}: a block needs a language (python, console, yaml, text)")


def test_the_pages_have_examples() -> None:
    runnable = [b for p in PAGES for b in blocks(p) if b.lang in ("python", "console", "yaml")]
    assert len(runnable) >= 30


def test_documented_conflict_json_keys_are_the_document_keys() -> None:
    """The key table of the conflict page lists exactly the keys of `detente conflict --json`."""
    import json

    from detente.cli.app import main

    out = io.StringIO()
    with pytest.raises(SystemExit), contextlib.redirect_stdout(out):
        main(["conflict", "elmira", "--json", "--explain"])
    document = json.loads(out.getvalue())
    text = (DOCS / "conflict.md").read_text(encoding="utf-8")
    table = text.split("| key | value |")[1].split("\n\n")[0]
    documented = re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)?", table, flags=re.MULTILINE)
    keys = {k for pair in documented for k in pair if k}
    assert keys == set(document), keys ^ set(document)


def test_the_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    """``mkdocs build --strict``: broken links, missing pages and docstring problems fail."""
    pytest.importorskip("mkdocs")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    reference = (tmp_path / "site" / "reference" / "scenario-schema" / "index.html").read_text()
    assert "GuaranteeDesign" in reference and "legal_form" in reference
    api = (tmp_path / "site" / "reference" / "api" / "index.html").read_text()
    assert "detente.analyze" in api
