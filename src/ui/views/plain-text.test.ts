import { describe, expect, it } from 'vitest';
import { fixtureMetrics } from '../../../test/support/fixture-metrics.js';
import { displayWidth } from '../kit/width.js';
import { renderPlainText } from './plain-text.js';

const HINT = '(not a terminal: printed one snapshot; --json gives machine-readable output)';

describe('renderPlainText', () => {
  it('prints the key figures without ANSI, ending with the hint', () => {
    const text = renderPlainText(fixtureMetrics(), 80);
    expect(text).not.toContain('\x1b[');
    expect(text.trimEnd().split('\n').at(-1)).toBe(HINT);
    expect(text).toBe(
      [
        'cctop · Max · UTC 14:30:00',
        '5-hour window 12:00–17:00',
        `  ${'█'.repeat(19)}${'░'.repeat(21)} 48 %`,
        '  $16.80 of $35.00 · P90 of 12 windows',
        '  used 12.3M tok · $16.80',
        '  resets 17:00 · in 2h 30m',
        '  at reset ~23.1M tok · $31.50',
        '  limit: not at this rate',
        'burn rate: 68.4k tok/min · $5.88/h · ▲ +35% (last 10 min)',
        'month Nov 2026: $1,230 so far · month-end ~$1,476',
        '  12.3× of the $100.00 fee · broke even Nov 3',
        '7d: 12.3M tok $45.20 (Opus $30.10) · limit 48 %',
        'active sessions (2, ⚡ = spiking):',
        '     project                 session  start  model         tok    cost     $/h',
        '  ⚡ web-app                 s2       12:05  opus-4-6     5.4M   $7.20   $3.78',
        '     src/api                 s1       12:05  sonnet-4-5   6.1M   $9.10   $2.10',
        'diagnostics:',
        '  bad lines:',
        '    /home/ana/.claude/projects/x/a.jsonl: 3 bad of 100',
        '      line 7: not JSON',
        '      line 9: missing usage',
        '  unpriced models (cost 0):',
        '    claude-future-9 · 1.2k tok',
        '  unreadable roots:',
        '    /home/ana/.config/claude: EACCES',
        HINT,
        '',
      ].join('\n'),
    );
  });

  it('keeps every line within the width, the hint wrapped', () => {
    const text = renderPlainText(fixtureMetrics(), 60);
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(text.trimEnd().split('\n').slice(-2)).toEqual(['(not a terminal: printed one snapshot; --json gives', 'machine-readable output)']);
  });
});
