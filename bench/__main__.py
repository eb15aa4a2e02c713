"""`python -m bench`: run the benchmark."""

import sys

from .run import main

sys.exit(main())
