"""``python -m permdocs`` runs the command line."""

from .cli import main

main()
