"""`commanddesk plans search|match` for scripting."""

import json

from commanddesk.cli import main


def test_search_json(capsys):
    """A two-character term finds sections, as JSON."""
    assert main(["plans", "search", "堵漏", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all("<b>堵漏</b>" in h["snippet"] for h in hits)


def test_match_json(capsys):
    """A chemical explosion with 3 dead: the hazmat plan at Ⅲ."""
    assert main(["plans", "match", "--kind", "accident", "--type", "explosion", "--level", "较大",
                 "--deaths", "3", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert first["plan"] == "special.hazmat" and first["level"] == 3 and "Ⅲ级响应条件" in first["reason"]


def test_match_with_measure(capsys):
    """Measured values reach the conditions: an 80 % outage is Ⅰ."""
    assert main(["plans", "match", "--kind", "accident", "--type", "power_outage", "--measure", "outage_share=0.8"]) == 0
    assert "Ⅰ级响应" in capsys.readouterr().out.splitlines()[0]


def test_bad_input_exit_2(capsys):
    """Unknown kinds, negative counts and malformed measures get status 2 and one line."""
    for args in (["--kind", "weather", "--type", "x"],
                 ["--kind", "accident", "--type", "explosion", "--deaths", "-1"],
                 ["--kind", "accident", "--type", "explosion", "--measure", "wind"],
                 ["--kind", "accident", "--type", "flood"]):
        assert main(["plans", "match", *args]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("commanddesk plans:")
    assert main(["plans", "search", "  "]) == 2
