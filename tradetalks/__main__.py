from tradetalks.cli import main

raise SystemExit(main())
