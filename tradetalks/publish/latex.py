"""Text that pdflatex can set: shared by the bibliography, the tables' LaTeX form and the
Sphinx extension, so none of them needs the other."""

from __future__ import annotations

# Characters pdflatex sets with inputenc utf8 + T1 fonts + textcomp (checked with pdflatex):
# ASCII, Latin-1, Latin Extended-A except a few letters T1 lacks, and the common
# typographic punctuation.
_PDFLATEX_RANGES = ((0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x7E), (0xA0, 0x17E))
_PDFLATEX_MISSING = frozenset({0x126, 0x127, 0x138, 0x149, 0x17F})
_PDFLATEX_EXTRA = frozenset({0x2013, 0x2014, 0x2016, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D,
                             0x201E, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203A,
                             0x20AC, 0x2122})


# Symbols pdflatex sets with a command (math symbols, amssymb's triangles): kept by
# pdflatex_safe, written as the command wherever LaTeX is made (latex_symbol).
LATEX_SYMBOLS = {
    "\u2260": r"\ensuremath{\neq}", "\u2264": r"\ensuremath{\leq}", "\u2265": r"\ensuremath{\geq}",
    "\u2248": r"\ensuremath{\approx}", "\u2212": r"\ensuremath{-}", "\u00b1": r"\ensuremath{\pm}",
    "\u2190": r"\ensuremath{\leftarrow}", "\u2192": r"\ensuremath{\rightarrow}",
    "\u2191": r"\ensuremath{\uparrow}", "\u2193": r"\ensuremath{\downarrow}",
    "\u2194": r"\ensuremath{\leftrightarrow}", "\u21d2": r"\ensuremath{\Rightarrow}",
    "\u21d0": r"\ensuremath{\Leftarrow}", "\u21d4": r"\ensuremath{\Leftrightarrow}",
    "\u2032": r"\ensuremath{'}", "\u2033": r"\ensuremath{''}",
    "\u25b2": r"\ensuremath{\blacktriangle}", "\u25bc": r"\ensuremath{\blacktriangledown}",
    "\u25b3": r"\ensuremath{\vartriangle}", "\u25bd": r"\ensuremath{\triangledown}",
    "\u25a0": r"\ensuremath{\blacksquare}", "\u25a1": r"\ensuremath{\square}",
    "\u25cf": r"\textbullet{}", "\u2713": r"\ensuremath{\checkmark}",
}


def latex_symbol(ch: str) -> str | None:
    """The LaTeX command for a symbol pdflatex sets only as a command, else None."""
    return LATEX_SYMBOLS.get(ch)


def pdflatex_safe(text: str) -> str:
    """Replace characters pdflatex cannot typeset by a visible code point label (symbols
    in LATEX_SYMBOLS are kept: whoever writes the LaTeX turns them into commands)."""
    def ok(ch: str) -> bool:
        code = ord(ch)
        if code in _PDFLATEX_EXTRA or ch in LATEX_SYMBOLS:
            return True
        return code not in _PDFLATEX_MISSING and any(lo <= code <= hi
                                                     for lo, hi in _PDFLATEX_RANGES)

    if all(ok(ch) for ch in text):
        return text
    return "".join(ch if ok(ch) else f"[U+{ord(ch):04X}]" for ch in text)
