"""Subcommands of ``python -m casebook``, one module each, found automatically.

A command module defines::

    NAME = "validate"            # the subcommand
    HELP = "Check case files."   # one line for --help
    def add_arguments(parser): ...
    def run(args) -> int: ...     # exit status

Keep the module's top-level imports light; import models inside ``run``.
"""
