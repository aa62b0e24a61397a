"""Tabletop drills: scenarios, the drill clock, isolated workspaces, scoring, headless runs. No Qt."""
