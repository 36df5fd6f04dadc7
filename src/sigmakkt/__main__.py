"""``python -m sigmakkt`` runs the command line."""

from sigmakkt.cli import main

raise SystemExit(main())
