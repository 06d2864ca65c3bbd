"""A MyST text notebook for tests that build or execute chapters."""

from __future__ import annotations

FRONT_MATTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
{extra}---
"""


def myst_chapter(code: str, extra_front_matter: str = "") -> str:
    """A chapter titled "A chapter" with one code cell; ``extra_front_matter`` lines are
    added to its front matter."""
    return (FRONT_MATTER.format(extra=extra_front_matter)
            + f"\n# A chapter\n\n```{{code-cell}}\n{code}\n```\n")
