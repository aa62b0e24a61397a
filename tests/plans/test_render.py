"""Plans as HTML: paper colours by default (PDF and print), the screen's when given."""

from commanddesk.plans import library
from commanddesk.plans.render import PAPER, Colours, diff_html, plan_html, style


def test_paper_by_default_and_the_screens_colours_when_asked():
    plan = library.library(True).current("special.hazmat")
    assert style(PAPER) in plan_html(plan) and "color: #1a3c6e" in plan_html(plan)
    night = Colours(heading="#8ab4f8", meta="#8f9aa5", levels=("#ff6b6b", "#ffa060", "#e0b050", "#8ab4f8"))
    html = plan_html(plan, night)
    assert "h2 { font-size: 16px; margin: 14px 0 4px 0; color: #8ab4f8; }" in html and "#1a3c6e" not in html
    assert ".lv1 { color: #ff6b6b; }" in html
    old = library.library(True).editions("special.hazmat")[-1]
    assert "color: #8ab4f8" in diff_html(old, plan, [], night)
