"""Build hook: compile mtcheck's optional C text scanner (mtcheck/_textscan.c) into the
wheel, or next to the sources for an editable install.

Why optional: the scanner only makes the per-article views faster (see
mtcheck/textscan.py, which holds the same functions in Python and picks the C module
when it can import it).  A machine without a C compiler or Python's headers still
installs mtcheck, with one warning, and gets the same results a little slower.
``MTCHECK_PURE_PYTHON=1`` at install time skips the compilation.

setuptools does the compiling: it knows each platform's compiler and the flags the
running Python was built with, which a hand-written compiler call would not.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "mtcheck._textscan"
SOURCE = "mtcheck/_textscan.c"


def compile_extension(root: Path, out: Path) -> Path:
    """Compile SOURCE under *root* into *out*; the path of the built module."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    ext = Extension(MODULE, sources=[str(root / SOURCE)])
    dist = Distribution({"name": "mtcheck", "ext_modules": [ext]})
    cmd = build_ext(dist)
    cmd.build_lib = str(out / "lib")
    cmd.build_temp = str(out / "temp")
    cmd.ensure_finalized()
    cmd.run()
    return Path(cmd.get_ext_fullpath(MODULE))


class TextScanHook(BuildHookInterface):
    """Adds the compiled scanner to the wheel (a platform wheel then), or puts it beside
    the sources for ``pip install -e`` (whose wheel only points at them)."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._tmp: str | None = None
        if self.target_name != "wheel" or os.environ.get("MTCHECK_PURE_PYTHON", "") not in ("", "0"):
            return
        root = Path(self.root)
        self._tmp = tempfile.mkdtemp(prefix="mtcheck-ext-")
        try:
            built = compile_extension(root, Path(self._tmp))
        except Exception as exc:  # no compiler, no headers: the Python scanner serves
            print(f"mtcheck: the C text scanner was not built ({type(exc).__name__}: {exc}); "
                  "mtcheck will use its Python scanner (same results, slower)", file=sys.stderr)
            return
        target = f"mtcheck/{built.name}"
        if version == "editable":
            shutil.copy2(built, root / target)
        else:
            build_data["force_include"][str(built)] = target
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
