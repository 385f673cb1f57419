"""Line ends in rule patterns: a pattern written for LF text, made to hold before CRLF too.

Why a module: user patterns (rules/*.yml and a newsroom's own rules) are written with
``$`` for "end of line", as every regex tutorial teaches; the prose view keeps a CRLF
file's CRs (fixes edit and write back the text as it is), so the rewrite is applied
where patterns are compiled (checks/phrases.py) rather than asked of every rule author.
"""

from __future__ import annotations

__all__ = ["crlf_line_ends"]


def crlf_line_ends(pattern: str) -> str:
    r"""*pattern* with each line-end anchor ``$`` written ``(?=\r?$)``.

    Why: ``$`` (MULTILINE) holds only before ``\n``, so in a file with CRLF line ends
    (Windows editors, many CMS exports) a line rule ending in ``[ \t]*$`` ("-0-", "5
    minutes ago", "All rights reserved") never matched: the CR sits between the last
    word and the LF.  The prose view holds no lone CR (``document._lone_cr_as_lf``), so
    a CR is always the first half of a CRLF and the rewrite changes nothing in LF text.
    A CR that ``[^\n]*`` takes into a match is trimmed from its span (``phrases._Filters.span``).

    Only anchors are rewritten: ``\$`` (an escaped dollar), a ``$`` inside a character
    class (``[$€£]``) and one inside a ``(?#...)`` comment are left as they are.
    """
    if "$" not in pattern:
        return pattern
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "[" and pattern.startswith("[:", i):   # a POSIX class: [[:alpha:]]
                end = pattern.find(":]", i + 2)
                if end >= 0:
                    out.append(pattern[i:end + 2])
                    i = end + 2
                    continue
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            out.append(c)
            i += 1
            # a "]" (after an optional "^") right after "[" is a literal member
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):
                out.append("]")
                i += 1
            continue
        elif c == "(" and pattern.startswith("(?#", i):
            end = pattern.find(")", i)
            end = n - 1 if end < 0 else end
            out.append(pattern[i:end + 1])
            i = end + 1
            continue
        elif c == "$":
            out.append("(?=\\r?$)")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)
