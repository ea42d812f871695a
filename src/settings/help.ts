import pkg from '../../package.json' with { type: 'json' };

/** The package version (built into the bundle from package.json). */
export const VERSION: string = pkg.version;

export const HELP_TEXT = `cctop ${VERSION} — top for Claude Code token burn

Usage:
  cctop [options]              live monitor (the bundled demo when no logs are found)
  cctop --json [options]       print one JSON snapshot and exit
  cctop --json --follow        one compact JSON snapshot per line as the logs change
  cctop statusline             Claude Code statusLine command: records official limits
  cctop statusline --print-config   the statusLine snippet for Claude Code's settings.json
  cctop --help | --version     this text; the version

Logs:
  --dir PATH           a Claude config folder or its projects/ folder (repeatable;
                       default: $CLAUDE_CONFIG_DIR, else ~/.config/claude and ~/.claude)
  --since YYYY-MM-DD   history start (default: first day of the previous month)
  --tz ZONE            time zone for days and months (default: the system's)
  --now ISO            fix the clock (reproducible reports and tests)
  --demo               watch a temporary demo tree that grows as you look (the monitor
                       and --json only: never stored, served or shown by the statusline)

Plan:
  --plan NAME          pro | max | ultra | team | enterprise | api | custom
                       (default max; max5 and max20 still mean max and ultra)
  --fee USD            monthly fee per seat, 0–1000000 (default: the plan's)
  --seats N            seats, for a team comparison (1–10000)
  --limit-basis B      what counts toward limits: cost (default) | tokens | io
  --window-limit N     5-hour window limit in the basis unit, or auto (P90 of your windows)
  --weekly-limit N     7-day limit in the basis unit, or auto

Prices:
  --pricing FILE       price table merged over the bundled one
  --price-multiplier X scale every price, up to 100 (0.5: a half-price reseller)
  --cost-mode M        calculate (default) | auto | display: use logged costUSD

Alerts and display:
  --burn-window MIN    trailing window of the burn rate, 1–60 (default 10)
  --spike-floor N      tokens/min a session must exceed to spike (default 50000)
  --spike-factor X     multiple of its own baseline, 1–100 (default 3)
  --bell               ring the terminal bell on alerts
  --alert-log FILE     append alerts to FILE
  --notify LIST        also tell of alerts: osc (terminal notification), tmux, desktop
  --no-color           no colours (NO_COLOR is honoured too)
  --config FILE        config file (default: $XDG_CONFIG_HOME/cctop/config.json)

History, remote machines, metrics and agents:
  cctop store info | rebuild         show the history store; rebuild it
  cctop store export --csv | --json  one row per API response
  cctop store prune --before DAY     drop the responses before DAY (YYYY-MM-DD)
  cctop serve --metrics ADDR         headless: only Prometheus /metrics
  cctop mcp [--print-config]         MCP server on stdio; its setup line
  cctop feed [--cursor C]            usage records as NDJSON (run by --remote)
  --store PATH         history store file (default: under $XDG_DATA_HOME/cctop)
  --no-store           no history store: read the logs only
  --remote HOST        also read HOST over ssh (repeatable): host, user@host or
                       ssh://[user@]host[:port][/path]
  --ssh-command CMD    the ssh client to run (default: ssh)
  --metrics ADDR       serve /metrics: host:port, [v6]:port, :port (loopback)
  --metrics-labels project   label metrics with the project (exposes its path)
  --metrics-public     you mean /metrics to be reachable from other machines (no warning;
                       needed for project labels on such an address)

Keys: 1 live · 2 days · 3 sessions · 4 models · s sort · p plan · d diagnostics · ? help · q quit`;
