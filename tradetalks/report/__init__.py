"""The report: what the notebooks call (``book``), its charts, figures and displays."""

# the MIME type of a chart's Vega-Lite spec in a notebook output (what JupyterLab's Vega
# renderer reads); here, not in ``display``, so the Sphinx extension that renders it for
# the PDF loads without pandas and Altair
VEGALITE_MIME = "application/vnd.vegalite.v5+json"

# Set by the book build for its kernels: the book's pages load the chart and table
# libraries as shared static files (tradetalks.build.libraries), so outputs leave them out
BOOK_ENV = "TALKING_TRADE_BOOK"
