"""The domain stays free of Qt so it runs (and tests) without a display."""

import subprocess
import sys


def test_domain_imports_no_qt():
    """Importing models, services, store and the CLI loads no PySide6 module."""
    code = ("import sys, commanddesk.models, commanddesk.store, commanddesk.cli, "
            "commanddesk.services.registry, commanddesk.services.audit, commanddesk.services.demo, "
            "commanddesk.services.overview, commanddesk.services.auth, commanddesk.services.incidents, "
            "commanddesk.services.clocks, commanddesk.services.reports, commanddesk.rules.grading, "
            "commanddesk.rules.clocks, commanddesk.rules_cli, commanddesk.documents.model;"
            "bad=[m for m in sys.modules if m.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_cli_offers_every_page_of_the_window(capsys):
    """--page accepts exactly the pages the window has (one list, commanddesk.pages)."""
    from commanddesk.cli import build_parser
    from commanddesk.pages import PAGE_KEYS
    from commanddesk.ui.main_window import FACTORIES

    page = next(a for a in build_parser([])._actions if a.dest == "page")
    assert tuple(page.choices) == PAGE_KEYS == tuple(FACTORIES)
