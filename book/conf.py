"""Sphinx configuration for the casebook's HTML book (built by tools/build_book.py).

The book is built from the notebooks' stored outputs (no execution), and works
with no network at all: require.js, the widgets' HTML manager and MathJax are
installed from npm at build time and served from _static/vendor/.
"""

import os

project = "The Alliance Learning Casebook"
author = "The Alliance Learning Casebook authors"
copyright = "2026, The Alliance Learning Casebook authors (text CC BY 4.0, code MIT)"
edition = os.environ.get("CASEBOOK_EDITION", "student")
if edition == "instructor":
    project += " (instructor edition)"

extensions = ["myst_nb", "sphinxcontrib.bibtex"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
master_doc = "index"

# Notebooks are rendered from their stored outputs; `make test` checks those.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "html_image"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]

html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
# casebook-a11y.*: the accessibility layer the slides and the Voila app share (tools/jupyter/nbconvert/templates/casebook_slides,
# copied in by the builder): text-safe button colours, 24-pixel targets, names for slider handles.
html_css_files = ["casebook.css", "casebook-a11y.css"]
# Lets the widgets' HTML manager (written for MathJax 2) typeset with MathJax 3.
html_js_files = ["widgets-mathjax.js", "casebook-a11y.js"]
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
html_last_updated_fmt = None

# Offline JavaScript (copied from npm packages into _static/vendor by the builder).
nb_ipywidgets_js = {
    "vendor/require.js": {},
    "vendor/html-manager/embed-amd.js": {
        "data-jupyter-widgets-cdn": "_static/vendor/",
        "crossorigin": "anonymous",
    },
}
mathjax_path = "vendor/mathjax3/es5/tex-mml-chtml.js"

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
