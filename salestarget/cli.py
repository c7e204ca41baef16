"""The ``salestarget`` console command: Django's management commands under one name.

``salestarget demo --scale small``, ``salestarget import sales.csv``, ``salestarget rollups
rebuild``, ``salestarget bench``, ``salestarget backup`` … and every stock command
(``salestarget migrate``, ``salestarget runserver``).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salestarget.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["salestarget", *sys.argv[1:]])


if __name__ == "__main__":
    main()
