"""Allow ``python -m detente``."""

from detente.cli.app import main

main()
