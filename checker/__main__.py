import sys

from checker.cli import process_main

sys.exit(process_main())
