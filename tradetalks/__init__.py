"""Talking Trade: from news articles to tables of meetings and trade measures.

The pipeline runs in stages, one module each: ``corpus`` (load and validate),
``clean`` (remove web debris, log every removal), ``sentences`` (paragraphs and
sentences with offsets), ``dictionaries`` (curated data in ``data/``), ``dates``
(resolution against the publication date), ``annotate`` (actors, places, products),
``meetings``/``measures``/``quotes`` (extraction), ``resolve`` (merging mentions into
events), ``tables`` (the codebook's tables), ``package`` (the data package), ``charts``.
"""

# The one version of the code and of the data release (pyproject reads it; the data
# package, CITATION.cff, .zenodo.json and CHANGELOG.md repeat it, checked by a test).
__version__ = "0.16.0"
