"""Qt widgets. Talks to the domain only through ``commanddesk.services``."""
