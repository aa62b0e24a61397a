"""The message reader: a pasted SMS, WeChat or 110/119 transfer becomes form suggestions. No Qt.

``Reader(post_places).read(text, received)`` returns a ``Reading`` whose
``fields`` hold each suggestion with the span of text it came from.
"""

from .places import PlaceFound, PostPlaces
from .reader import Reader, Reading, Suggestion, read_message

__all__ = ["PlaceFound", "PostPlaces", "Reader", "Reading", "Suggestion", "read_message"]
