"""`python -m bot.bench`: the benchmark suite (see `bot.bench.suite`)."""

from bot.bench.suite import main

raise SystemExit(main())
