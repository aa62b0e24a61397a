"""Code lists: codes shown as their Chinese labels, and which grading table an incident type uses."""

from commanddesk import catalogues


def test_labels_and_unknown_codes():
    assert catalogues.label("shelter_status", "full") == "已满员"
    assert catalogues.label("shelter_status", "no-such-code") == "no-such-code"
    assert catalogues.label("shelter_status", None) == ""


def test_a_list_keeps_file_order():
    assert list(catalogues.catalogue("shelter_status")) == ["standby", "opening", "open", "full", "closing", "closed"]


def test_grading_scale_by_type_then_category():
    assert catalogues.grading_scale("natural.earthquake") == "earthquake"
    assert catalogues.grading_scale("accident.pollution") == "environmental"
    assert catalogues.grading_scale("accident.fire") == "production_safety"  # from its category
    assert catalogues.grading_scale("natural.rainstorm") is None  # listed with no national scale
    assert catalogues.grading_scale("health.animal_epidemic") is None
    assert catalogues.grading_scale("natural.unlisted") is None  # category natural has none
    assert catalogues.grading_scale("whatever", "health") == "public_health"
    assert catalogues.grading_scale("", "") is None


def test_response_scale():
    assert catalogues.response_scale("natural") == "natural_disaster"
    assert catalogues.response_scale("social") is None
