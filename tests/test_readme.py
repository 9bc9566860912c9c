"""The README's Python examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_python_examples_run(tmp_path, monkeypatch, capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "the README shows the Python API"
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, str(README), "exec"), {"__name__": "__readme__"})  # noqa: S102
    printed = capsys.readouterr().out
    assert "Mara Kessel direct" in printed
    assert (tmp_path / "notebook.duckdb").exists()


def test_accordingto_analyze_stays_callable_after_its_modules_are_imported():
    import accordingto
    import accordingto.analyze.attributions  # noqa: F401 - binds the package on `accordingto`

    result = accordingto.analyze("Port closes\n\nThe port will close on Friday, the harbour master said.")
    assert [a.cue.text for a in result.attributions] == ["said"]
