import sys

from checker.entry import process_main

sys.exit(process_main())
