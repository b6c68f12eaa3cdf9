"""`python -m cli`, and the script the frozen build starts from."""

import sys

from actionplans.cli.main import main

sys.exit(main())
