"""Which site made a record, in the numbers people see: 0007 at the post, 车1-0007 on a vehicle."""

import pytest

from commanddesk.models import SyncState
from commanddesk.services import sites


def test_numbers_at_the_post_and_on_a_vehicle():
    assert sites.number("", 7) == "0007"
    assert sites.number("车1", 7) == "车1-0007"
    assert sites.number("车1", 12345) == "车1-12345"


def test_incident_numbers_and_headings():
    assert sites.incident_number("", None, 7) == "7"
    assert sites.incident_heading("", None, 7) == "#7"
    # the post's incident keeps the post's number wherever it is shown
    assert sites.incident_number("", 3, 41) == "3"
    # a vehicle's own incident: its sequence, with the site
    assert sites.incident_number("车1", 2, 41) == "车1-0002"
    assert sites.incident_heading("车1", 2, 41) == "车1-0002"
    assert sites.incident_number("车2", None, 5) == "车2-0005"


@pytest.mark.parametrize("text, parsed", [
    ("7", ("", 7)),
    ("#7", ("", 7)),
    (" #12 ", ("", 12)),
    ("车1-0007", ("车1", 7)),
    ("车1-7", ("车1", 7)),
    ("abc", None),
    ("车1-", None),
    ("", None),
    ("a/b-7", None),
    ("车1-七", None),
])
def test_parse_incident_number(text, parsed):
    assert sites.parse_incident_number(text) == parsed


def test_numbers_shown_parse_back():
    for site_, n in (("", 7), ("车1", 7), ("车12", 305)):
        shown = sites.incident_heading(site_, n, 999)
        assert sites.parse_incident_number(shown) == (site_, n)


def test_a_store_outside_any_exchange_is_the_post(store):
    with store.transaction() as session:
        assert sites.site(session) == ""
        assert sites.prefix(session) == ""


def test_a_vehicle_store_prefixes_its_numbers(store):
    with store.transaction() as session:
        session.add(SyncState(site="车1", role="vehicle", post_id="0" * 32))
    with store.transaction() as session:
        assert sites.site(session) == "车1"
        assert sites.prefix(session) == "车1-"
