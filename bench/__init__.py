"""Benchmarks: ``salestarget bench`` runs each module's ``main(argv)``; every figure is printed
beside a reference measured in the same run, as a ratio."""
