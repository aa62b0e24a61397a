"""commanddesk: duty and incident command for Chinese township and county posts."""

__version__ = "0.1.0"
