"""`python -m lanterne` is the `lanterne` command."""

import sys

from lanterne.cli import main

sys.exit(main())
