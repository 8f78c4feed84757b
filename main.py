"""Start TA Desktop: ``python main.py [--db PATH_OR_URL]``."""

import sys

from ta_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
