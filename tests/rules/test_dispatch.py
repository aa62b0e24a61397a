"""The dispatch rule file: every team type covered, the capability matrix, bad files named by field, arrival estimates."""

import pytest
from sqlalchemy import select

from commanddesk.models import TeamType
from commanddesk.rules import RuleFileError
from commanddesk.rules import dispatch as rules


def test_default_rules_cover_every_demo_team_type(demo_store):
    """Every team type of the demo county appears in the capability matrix and has a speed."""
    r = rules.load()
    with demo_store.read() as s:
        codes = set(s.scalars(select(TeamType.code)))
    assert codes <= set(r.capabilities)
    assert codes <= set(r.speed_kmh)
    assert r.travel.road_factor >= 1


@pytest.mark.parametrize("team_type, incident_type, expected", [
    ("hazmat", "accident.hazmat", "primary"), ("fire", "accident.hazmat", "primary"),
    ("fire", "natural.flood", "support"), ("flood", "accident.hazmat", None),
    ("expert", "social.terror", "support"), ("counter_terror", "social.mass_incident", "primary"),
    ("unknown_type", "accident.fire", None),
])
def test_capability_matrix(team_type, incident_type, expected):
    """Team types serve incident types as lead force, in support, or not at all."""
    assert rules.role(rules.load(), team_type, incident_type) == expected


@pytest.mark.parametrize("text, field", [
    ('id="x"\nversion="1"\nsource="s"\n[travel]\nroad_factor=0.8\ndefault_speed_kmh=40\nturnout_minutes=3\n'
     'default_assembly_minutes=30\narrival_grace_minutes=5\n[capability.fire]\nprimary=["accident.fire"]', "road_factor"),
    ('id="x"\nversion="1"\nsource="s"\n[travel]\nroad_factor=1.2\ndefault_speed_kmh=40\nturnout_minutes=3\n'
     'default_assembly_minutes=30\narrival_grace_minutes=5\n[capability.fire]\nprimary=["accident.fyre"]', "primary"),
    ('id="x"\nversion="1"\nsource="s"\n[travel]\nroad_factor=1.2\ndefault_speed_kmh="快"\nturnout_minutes=3\n'
     'default_assembly_minutes=30\narrival_grace_minutes=5\n[capability.fire]\nprimary=["accident.fire"]',
     "default_speed_kmh"),
    ('id="x"\nversion="1"\nsource="s"\n[travel]\nroad_factor=1.2\ndefault_speed_kmh=40\nturnout_minutes=3\n'
     'default_assembly_minutes=30\narrival_grace_minutes=5\n[speed_kmh]\nfire=0\n'
     '[capability.fire]\nprimary=["accident.fire"]', "fire"),
])
def test_bad_rule_file_names_the_field(tmp_path, text, field):
    """A bad dispatch rule file stops loading with its path and field."""
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        rules.load(path)
    assert field in err.value.field and str(path) in err.value.message


def test_eta_uses_road_factor_speed_and_assembly():
    """ETA = assembly + haversine × road factor ÷ speed, rounded up to the minute."""
    r = rules.load()
    km = rules.haversine_km(34.60, 119.50, 34.568, 119.536)
    assert 4.5 < km < 5.0
    est = rules.estimate(r, km, 45, 30)
    assert est.road_km == pytest.approx(km * r.travel.road_factor)
    assert est.eta_minutes == 30 + est.travel_minutes and est.travel_minutes == 9
