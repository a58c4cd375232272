"""The printable discharge handout (PDF): `handout_bytes(schedule, options)`, or a HandoutError.

document lays out the pages from the parts: table (the steps), pictures (tablets), chart (the dose
over time), tracker (tick boxes); look holds the fonts, greys and sizes, printable what may be printed.
"""

from .document import HandoutOptions, handout_bytes
from .errors import HandoutError

__all__ = ["HandoutError", "HandoutOptions", "handout_bytes"]
