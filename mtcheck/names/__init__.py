"""Personal and place names in MT copy: mentions, comparison keys, variant clusters.

MT from Russian transliterates each grammatical case of a name separately (Морозкина,
Морозкиной, Морозкину come out as three "names") and mixes romanization systems (Dmitry
and Dmitri in one story).  This package finds the name mentions of a Document
(``mentions``), builds a transliteration-aware key for each spelling (``keys``), groups
spellings that are one name (``matching``), picks the canonical form (``clusters``) and
compares spellings across a corpus (``corpus``).  The check kind ``names``
(checks/names.py) and the ``mtcheck entities`` command are thin layers over it.
"""
