"""The casebook's models: pure numpy, pandas and networkx, one concept a module.

Nothing here draws, builds a widget or reads a file of its own: the case
files come in through :mod:`casebook.cases`, the pictures are in
:mod:`casebook.plotting` and the controls in :mod:`casebook.widgets`. Each
model builds with no arguments and takes ``seed``/``rng`` where it draws
at random. Import a model by its concept: ``from casebook.models import races``.
"""
