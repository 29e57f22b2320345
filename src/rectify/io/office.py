"""LibreOffice, run headless: a .docx made into a PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from rectify.errors import FileError

TIMEOUT = 300  # seconds: a first start of LibreOffice sets up its profile


def soffice() -> str | None:
    """The LibreOffice program on the PATH (soffice, else libreoffice), None without one."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes:
    """The PDF LibreOffice makes of a .docx, headless, with a profile of its own.

    The profile of its own lets it run beside an open LibreOffice and beside
    another conversion. FileError when LibreOffice is missing or fails.
    """
    program = soffice()
    if program is None:
        raise FileError("office.no_soffice")
    with tempfile.TemporaryDirectory(prefix="rectify-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
                env={**os.environ, "HOME": str(work)},
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise FileError("office.failed", detail=str(exc)) from None
        made = work / "document.pdf"
        if done.returncode != 0 or not made.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise FileError("office.failed", detail=detail.splitlines()[-1] if detail else "")
        return made.read_bytes()
