"""Plotting functions, one module per concept: ``plot_<thing>(data, ax=None) -> Axes``.

They take data (never a file path), draw on ``ax`` or a new axes, and return it.
"""
