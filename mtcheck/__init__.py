"""mtcheck: lint machine-translated English news copy.

The library face lives in :mod:`mtcheck.api` (``lint_text``, ``lint_paths``); this
module stays import-light so that ``mtcheck --help`` starts fast.
"""

__version__ = "0.1.0"
