"""Documents from Python: a report or a notice written as Markdown, Word or PDF; the chart.

The format is explicit: it comes from ``--format`` or from the file name's
extension, and a name a command cannot write (``.xls``, ``.pdfx``) is refused,
never written in another format under that name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from rectify.api.project import Project
from rectify.errors import DataError, UsageError
from rectify.output.blocks import Document, Raw

#: A sentence for the person, beside the result: a catalogue key and its values.
Note = tuple[str, dict[str, object]]
Format = Literal["markdown", "docx", "pdf"]

#: The formats of the report and the notice, by the extensions that name them.
BY_SUFFIX: dict[str, Format] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUFFIX: dict[Format, str] = {"markdown": ".md", "docx": ".docx", "pdf": ".pdf"}


def output_format(
    command: str, output: Path | None, given: Format | None = None, *, folder: bool = False
) -> Format:
    """The format to write: from ``-o``'s extension, else ``given`` (--format), else Markdown.

    UsageError when the extension is none the command writes, when it and
    --format disagree, or when Word or PDF would go to stdout. With ``folder``
    (notice --all -o DIR) the name is a folder's and says nothing.
    """
    chosen = given
    to_file = output is not None and str(output) != "-"
    if to_file and not folder and output is not None and output.suffix:
        suffix = output.suffix.lower()
        named = BY_SUFFIX.get(suffix)
        if named is None:
            raise UsageError(
                "output.bad_suffix", path=output, command=command, suffix=suffix, formats=_formats()
            )
        if chosen is not None and chosen != named:
            raise UsageError(
                "output.format_mismatch", format=chosen, path=output, suffix=suffix, other=named
            )
        return named
    kind: Format = chosen or "markdown"
    if kind != "markdown" and not to_file:
        raise UsageError("output.needs_file", format=kind, suffix=SUFFIX[kind])
    return kind


def _formats() -> str:
    return ", ".join(BY_SUFFIX)


def document_bytes(project: Project, document: Document, kind: Format) -> tuple[bytes, list[Note]]:
    """The file's bytes in ``kind``, and what the person should know (a chart left out).

    Word and PDF draw the trend chart when the document has one; without
    matplotlib or a Chinese font it is left out, with a note saying why.
    """
    from rectify.output.blocks import to_markdown

    if kind == "markdown":
        return to_markdown(document).encode("utf-8"), []
    if any(isinstance(block, Raw) for block in document.blocks):
        raise UsageError("report.since_markdown_only")
    from rectify.output.chart import ChartUnavailable, can_draw, trend_chart
    from rectify.output.docx import to_docx

    notes: list[Note] = []
    picture = None
    chart = document.chart
    if chart is not None and can_draw(chart.rows):
        try:
            picture = trend_chart(chart.rows, document.lang, "png")
        except ChartUnavailable as exc:
            notes.append(("report.chart_left_out", {"reason": exc.message(document.lang)}))
    fonts = project.config.fonts.get(document.lang)
    data = to_docx(document, chart=picture, fonts=fonts, libreoffice=kind == "pdf")
    if kind == "pdf":
        from rectify.io.office import docx_to_pdf

        data = docx_to_pdf(data)
    return data, notes


def write_document(project: Project, document: Document, path: Path, kind: Format) -> list[Note]:
    """Write the document to ``path`` in ``kind``, atomically; the notes of document_bytes."""
    from rectify.ledger.files import write_output

    data, notes = document_bytes(project, document, kind)
    write_output(path, data)
    return notes


def chart_format(path: Path) -> Literal["png", "svg"]:
    """The picture format a chart file name asks for; UsageError unless .png or .svg."""
    suffix = path.suffix.lower()
    if suffix == ".png":
        return "png"
    if suffix == ".svg":
        return "svg"
    raise UsageError("report.chart_bad_suffix", path=path)


def write_chart(document: Document, path: Path) -> None:
    """Write the document's trend chart to ``path`` (.png or .svg).

    DataError when there is no rate to draw; ChartUnavailable (a FileError)
    without matplotlib or, for a Chinese chart, without a Chinese font.
    """
    from rectify.ledger.files import write_output
    from rectify.output.chart import can_draw, trend_chart

    fmt = chart_format(path)
    chart = document.chart
    if chart is None or not can_draw(chart.rows):
        raise DataError("report.chart_nothing", path=path)
    write_output(path, trend_chart(chart.rows, document.lang, fmt))
