"""Look of the HTML report: one colour *and* one underline style per category, and the
stylesheet that is inlined into every report (the report must work as a single file,
offline, so nothing is linked).

Colour alone is not enough (colour-blind readers, greyscale printouts): every category
also has its own underline style, and its name appears in the legend, in each tooltip
and in the findings list.
"""

from __future__ import annotations

from ..findings import CATEGORIES
from .bidi import CSS as BIDI_CSS

#: category → (colour, CSS text-decoration-style, short human label)
CATEGORY_STYLE: dict[str, tuple[str, str, str]] = {
    "name-variant": ("#6a3fc8", "double", "name variant"),
    "casing": ("#1f66b4", "solid", "casing"),
    "untranslated": ("#c62828", "wavy", "untranslated"),
    "boilerplate": ("#7a4a3a", "dashed", "boilerplate"),
    "garbled": ("#b0307f", "dotted", "garbled"),
    "grammar": ("#2a7d2a", "solid", "grammar"),
    "spelling": ("#c25e00", "wavy", "spelling"),
    "punctuation": ("#12808e", "dotted", "punctuation"),
    "consistency": ("#7d7d12", "dashed", "consistency"),
    "source-mismatch": ("#4d4d4d", "double", "source mismatch"),
}
_FALLBACK = ("#555555", "solid", "")


def category_style(category: str) -> tuple[str, str, str]:
    colour, deco, label = CATEGORY_STYLE.get(category, _FALLBACK)
    return colour, deco, label or category


def category_css() -> str:
    """One rule per category: underline colour/style and a faint background tint."""
    out = []
    for cat in CATEGORIES:
        colour, deco, _ = category_style(cat)
        out.append(
            f".c-{cat}{{text-decoration-line:underline;text-decoration-color:{colour};"
            f"text-decoration-style:{deco};background:{colour}1f}}"
            f".swatch.c-{cat}{{border-color:{colour}}}"
            f".cat.c-{cat}{{color:{colour}}}"
        )
    return "\n".join(out)


BASE_CSS = """
:root{--fg:#1b1b1b;--muted:#5a5a5a;--bg:#fff;--line:#ddd}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);
  background:var(--bg);margin:0 auto;max-width:62rem;padding:1rem 1.25rem 4rem}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
a{color:#1a4fa0}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.25rem .5rem;z-index:20}
table{border-collapse:collapse;margin:.5rem 0;font-size:.93rem}
th,td{text-align:left;padding:.2rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;list-style:none;padding:0;margin:.5rem 0}
.legend li{white-space:nowrap}
.swatch{display:inline-block;padding:0 .3rem;border-left:.6rem solid;text-underline-offset:.25em}
.cat{font-weight:600}
.sev-error{font-weight:700}
.article{margin-top:2.5rem}
.meta{display:flex;flex-wrap:wrap;gap:.5rem 2.5rem;align-items:flex-start;justify-content:space-between}
.score{font-size:1.1rem}
.score strong{font-size:1.6rem}
.chart{display:block}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);border-radius:4px;
  padding:.75rem 1rem;font-family:Georgia,"Times New Roman",serif;font-size:1.02rem;line-height:1.9}
mark.hl{color:inherit;position:relative;text-underline-offset:.2em;text-decoration-thickness:2px;
  text-decoration-skip-ink:none;border-radius:2px;cursor:help}
mark.hl.d2{text-underline-offset:.45em}
mark.hl.d3{text-underline-offset:.7em}
mark.hl.d4{text-underline-offset:.95em}
mark.hl.empty::before{content:"\\2038";font-weight:700}
mark.hl:focus{outline:3px solid #1a4fa0;outline-offset:1px}
mark.hl[data-tip]::after{content:attr(data-tip);display:none;position:absolute;left:0;top:calc(100% + .5em);
  z-index:10;min-width:16rem;max-width:28rem;white-space:pre-line;background:#222;color:#fff;
  font:13px/1.4 system-ui,sans-serif;padding:.4rem .55rem;border-radius:4px;box-shadow:0 2px 6px #0005}
mark.hl[data-tip]:focus::after,
mark.hl[data-tip]:hover:not(:has(mark.hl:hover))::after{display:block}
ol.findings{padding-left:1.5rem;font-size:.93rem}
ol.findings li{margin:.15rem 0}
.rep{font-family:ui-monospace,Menlo,Consolas,monospace;background:#eef5ee;padding:0 .2rem}
.code{font-family:ui-monospace,Menlo,Consolas,monospace}
.clusters li{margin:.15rem 0}
.notice{background:#fff6d6;padding:.4rem .6rem;border-left:4px solid #c9a100}
.error{background:#fde7e7;padding:.4rem .6rem;border-left:4px solid #c62828}
@media print{mark.hl::after{display:none!important}}
"""


def stylesheet() -> str:
    return BASE_CSS + BIDI_CSS + "\n" + category_css()
