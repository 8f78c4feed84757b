import sys

from ta_desktop.cli import main

sys.exit(main())
