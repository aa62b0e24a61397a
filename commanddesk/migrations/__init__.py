"""Alembic migrations shipped with the package.

``REVISIONS`` lists every revision in order so that start-up can tell an
up-to-date, old or newer database apart without importing Alembic; a test
checks that it matches the scripts in ``versions/``.
"""

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
REVISIONS: tuple[str, ...] = ("0001_initial", "0002_intake", "0003_dispatch", "0004_plans", "0005_response_levels",
                             "0006_report_sending", "0007_call_message", "0008_warnings", "0009_audit_seal",
                             "0010_duty_room", "0011_map_zones", "0012_team_tracks", "0013_zero_reports_opinion", "0014_sync",
                             "0015_statistics_index", "0016_seat_presence", "0017_site_number",
                             "0018_open_incidents_index", "0019_live_indexes", "0020_sync_registries",
                             "0021_incident_filter_index", "0022_statistics_indexes")
HEAD = REVISIONS[-1]
