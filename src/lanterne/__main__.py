"""`python -m lanterne` is the `lanterne` command."""

import sys

from .cli import main

sys.exit(main())
