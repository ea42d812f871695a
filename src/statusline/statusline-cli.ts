import { parseFlags, resolveOptions } from '../settings/options.js';
import { runStatusline } from './statusline.js';
import { readConfig, type Env } from '../settings/user-files.js';

/**
 * `cctop statusline [--print-config]`. Never fails: a statusline must not break Claude Code's
 * screen, so a bad flag or config file is said on stderr and the line degrades to "cctop".
 */
export async function statuslineCommand(argv: string[], env: Env): Promise<number> {
  try {
    const flags = parseFlags(argv);
    // The line shows no clock times: asking Intl for the system zone would cost ~30 ms of ICU start-up.
    const options = resolveOptions(flags, readConfig(flags.values.config ?? null, env), env, 'UTC');
    return await runStatusline(options, env, process.stdin, process.stdout);
  } catch (err) {
    process.stderr.write(`cctop: ${(err as Error).message}\n`);
    process.stdout.write('cctop\n');
    return 0;
  }
}
