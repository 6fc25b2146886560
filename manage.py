#!/usr/bin/env python3
"""Command line for the co-production health dashboard: `python manage.py --help`."""

import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
