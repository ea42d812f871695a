import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from './flags.js';

const message = (argv: string[]) => {
  try {
    parseFlags(argv);
    return null;
  } catch (error) {
    return error instanceof UsageError ? error.message : String(error);
  }
};

describe('a command line parseArgs refuses, in cctop\'s words', () => {
  it('names an unknown option and the flag it is a typo of', () => {
    expect(message(['--jsno'])).toBe('unknown option --jsno (did you mean --json?)');
    expect(message(['--remtoe', 'h'])).toBe('unknown option --remtoe (did you mean --remote?)');
    expect(message(['--sice', '2026-11-01'])).toBe('unknown option --sice (did you mean --since?)');
    expect(message(['--frobnicate'])).toBe('unknown option --frobnicate');
    expect(message(['-x'])).toBe('unknown option -x');
  });

  it('says a flag needs a value, or takes none', () => {
    expect(message(['--dir'])).toBe('--dir needs a value');
    expect(message(['--json=3'])).toBe('--json takes no value');
  });
});
