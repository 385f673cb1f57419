"""Readers for the development data in ../shared/data (see its README).

Shared by the benchmark scripts so that every figure is measured on the same
documents.  The data path can be overridden with MTCHECK_DATA.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Iterator

DATA = Path(os.environ.get("MTCHECK_DATA", Path(__file__).resolve().parent.parent.parent / "shared" / "data"))


def clean_en_documents() -> Iterator[tuple[str, str]]:
    """(doc id, text) for every human-translated document in clean-en/ (blank-line separated)."""
    for txt in sorted((DATA / "clean-en").glob("*.txt")):
        ids_file = txt.with_name(txt.name.replace(".txt", ".docids.tsv"))
        ids = [line.split("\t")[0] for line in ids_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs = [d.strip("\n") for d in txt.read_text(encoding="utf-8").split("\n\n") if d.strip()]
        for i, doc in enumerate(docs):
            yield f"{txt.stem}:{ids[i] if i < len(ids) else i}", doc + "\n"


def wmt_rows(path: Path | None = None) -> Iterator[dict]:
    """Rows of wmt-ru-en/2023.jsonl.gz: one per (document, system)."""
    with gzip.open(path or DATA / "wmt-ru-en" / "2023.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def word_count(text: str) -> int:
    return len(text.split())
