"""The printed dispatch order: every team of the order with its task, the order number on the page."""

from commanddesk.documents import dispatch_order as dispatch_order_doc
from commanddesk.services import dispatch as svc
from commanddesk.services import dispatch_order
from tests.services.test_dispatch import post  # noqa: F401 - a fixture


def test_dispatch_order_document(post):
    """The printable order lists each team with its task and ETA."""
    store, inc, ids = post
    with store.transaction() as s:
        ds = svc.dispatch(s, inc, [ids["near"], ids["fire"]], "堵漏并警戒")
        number = ds[0].order_number
    with store.read() as s:
        doc = dispatch_order.order_document(s, number)
    html = dispatch_order_doc.order_html(doc)
    assert len(doc.teams) == 2 and "近处危化队" in html and "堵漏并警戒" in html and number in html
