import { UsageError, type Flags } from './flags.js';

export type Mode =
  | 'monitor' | 'json' | 'follow' | 'statusline' | 'help' | 'version'
  | 'store-info' | 'store-rebuild' | 'store-export' | 'store-prune' | 'serve' | 'mcp' | 'feed';

const COMMANDS = new Map<string, Mode>([['statusline', 'statusline'], ['serve', 'serve'], ['mcp', 'mcp'], ['feed', 'feed']]);
const STORE_COMMANDS = new Map<string, Mode>([
  ['info', 'store-info'], ['rebuild', 'store-rebuild'], ['export', 'store-export'], ['prune', 'store-prune'],
]);


/** Flags that only some modes take, and how the error names those modes. */
const ONLY: [keyof Flags['values'], Mode[], string][] = [
  ['follow', ['follow'], '--json'],
  ['json', ['json', 'follow', 'store-export'], 'no command or store export'],
  ['csv', ['store-export'], 'store export'],
  ['before', ['store-prune'], 'store prune'],
  ['cursor', ['feed'], 'feed'],
  ['print-config', ['statusline', 'mcp'], 'statusline or mcp'],
  ['metrics', ['monitor', 'follow', 'serve'], 'the monitor, --json --follow or serve'],
  // The demo's made-up usage is shown as such; the exporters and the store have no way to say so.
  ['demo', ['monitor', 'json', 'follow'], 'the monitor or --json'],
];

/** `store-export` → `store export`, as the user types it. */
export function commandName(mode: Mode): string {
  return mode.replace('-', ' ');
}

/** The mode the command words and flags ask for; throws UsageError on an unknown or incomplete command. */
export function modeOf(flags: Flags): Mode {
  const v = flags.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const mode = commandMode(flags.positionals, v.json === true, v.follow === true);
  for (const [flag, modes, where] of ONLY) {
    if (v[flag] !== undefined && !modes.includes(mode)) throw new UsageError(`--${flag} goes with ${where}`);
  }
  if (mode === 'store-export' && v.csv === v.json) throw new UsageError('store export needs one of --csv and --json');
  if (mode === 'store-prune' && v.before === undefined) throw new UsageError('store prune needs --before YYYY-MM-DD');
  return mode;
}

function commandMode(words: readonly string[], json: boolean, follow: boolean): Mode {
  const [command, sub] = words;
  if (command === undefined) return json ? (follow ? 'follow' : 'json') : 'monitor';
  if (command === 'store') return storeMode(sub, words.slice(2));
  const mode = COMMANDS.get(command);
  if (!mode) throw new UsageError(`unknown command "${command}" (expected statusline, store, serve, mcp or feed)`);
  noMore(words.slice(1), command);
  return mode;
}

function storeMode(sub: string | undefined, rest: readonly string[]): Mode {
  if (sub === undefined) throw new UsageError('store needs a subcommand: info, rebuild, export or prune');
  const mode = STORE_COMMANDS.get(sub);
  if (!mode) throw new UsageError(`unknown store subcommand "${sub}" (expected info, rebuild, export or prune)`);
  noMore(rest, `store ${sub}`);
  return mode;
}

function noMore(rest: readonly string[], command: string): void {
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" after ${command}`);
}
