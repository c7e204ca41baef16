"""The demo company (演示公司): a Chinese sales organisation with three years of history.

``salestarget demo --scale small|medium|large [--seed N]`` loads it; the same seed always gives
the same data, whatever day it runs. The history is the window ``DEMO_START`` .. ``DEMO_END``
(2024-01-01 .. 2026-11-20, or up to yesterday with ``--end yesterday`` as ``make run`` loads it;
see ``scales``), so FY2024 and FY2025 are complete and FY2026 is under way, with some people
ahead of last year's pace and some behind.

One module per job: ``scales`` (sizes, window, random streams), ``company`` (org tree, people,
logins), ``masterdata`` (products, regions, customer types, channels), ``customers``,
``holidays`` (calendar), ``seasons`` (how busy each channel is on each day), ``sales`` (sales
lines), ``expenses``, ``payments``, ``opportunities``, ``surveys``, ``market``, ``writer``
(bulk writes through the DB-API) and ``loader`` (puts it all together).
"""
