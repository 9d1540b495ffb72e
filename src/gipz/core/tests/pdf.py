"""Read the text of a generated PDF the way a reader's tool would: poppler's `pdftotext` (installed by CI), or pypdf
where poppler is missing (a newcomer's machine), so `make test` passes everywhere and CI checks with pdftotext."""

from __future__ import annotations

import io
import shutil
import subprocess


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
        return " ".join(out.stdout.decode("utf-8").split())
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())
