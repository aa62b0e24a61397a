"""Use cases (no Qt): each takes a Session and acts for the signed-in actor."""
