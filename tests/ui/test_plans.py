"""The plans page: browse, search, diff editions, read at night (the incident's 预案 tab: test_plan_panel.py)."""

def test_browse_search_and_diff(qtbot, window):
    """The library page lists plans, finds short terms and diffs two editions."""
    window.show_page("plans")
    page = window.page("plans")
    assert page.tree.topLevelItemCount() >= 1
    page.search.setText("堵漏")
    assert page.results.isVisible() and "<b>" not in page.results.toPlainText() and "堵漏" in page.results.toPlainText()
    page.search.clear()
    page.open_plan("special.hazmat")
    assert page.btn_diff.isEnabled()
    page.show_diff()
    assert "2021 版 → 2024 版" in page.view.toPlainText()


def test_a_plan_read_at_night_has_headings_in_the_night_colours(qtbot, window):
    """The reading view follows the look (the day's dark-blue headings were unreadable on the night background)."""
    from commanddesk.ui import theme

    window.show_page("plans")
    page = window.page("plans")
    page.open_plan("special.hazmat")
    try:
        theme.apply("night")
        night = page.view.toHtml()
        assert theme.NIGHT.accent in night.lower() and "#1a3c6e" not in night.lower()
    finally:
        theme.apply("day")
    assert "#1a3c6e" in page.view.toHtml().lower()
