"""Written incident reports (初报、续报、核报、终报、补报) as PDF, .docx and plain text.

``model`` is Qt-free and imported here; the writers load on first use, so
importing this package pulls in neither PySide6 nor python-docx:

    from commanddesk.documents import write_pdf    # needs a running QGuiApplication
    from commanddesk.documents import write_docx   # needs python-docx
"""

from __future__ import annotations

from typing import Any

from commanddesk.documents.model import (
    Element,
    ReportDocument,
    format_issued,
    plain_text,
    sample_report,
)

_LAZY = {"write_pdf": "pdf", "render_html": "pdf", "render_record_html": "pdf", "write_docx": "docx"}


def __getattr__(name: str) -> Any:
    """Import the PDF or Word writer only when one of its functions is asked for."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"commanddesk.documents.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Element", "ReportDocument", "format_issued", "plain_text", "render_html", "sample_report",
           "write_docx", "write_pdf"]
