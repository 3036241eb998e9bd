"""``python -m slactl``: the same command line as the ``slactl`` script (``slactl.cli.main``)."""

from slactl.cli import main

main()
