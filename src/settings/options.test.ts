import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { parseFlags, resolveOptions, UsageError } from './options.js';
import { defaultConfigPath, readConfig, stateDir } from './user-files.js';

const resolve = (argv: string[], config = {}, env = {}) => resolveOptions(parseFlags(argv), config, env, 'Europe/Paris');

describe('options', () => {
  it('has defaults a Max 5x user expects', () => {
    const o = resolve([]);
    expect(o).toMatchObject({
      mode: 'monitor', plan: 'max5', feeUSD: 100, seats: 1, limitBasis: 'cost', windowLimit: null,
      priceMultiplier: 1, costMode: 'calculate', burnWindowMinutes: 10, spikeFloor: 50_000, spikeFactor: 3,
      timeZone: 'Europe/Paris', color: true, roots: null, since: null, now: null,
    });
  });

  it('lets flags override the config file, which overrides the plan preset', () => {
    const config = { plan: 'pro' as const, fee: 25, windowLimit: 'auto' as const, timeZone: 'UTC', roots: ['/a'] };
    expect(resolve([], config)).toMatchObject({ plan: 'pro', feeUSD: 25, windowLimit: 'auto', timeZone: 'UTC', roots: ['/a'] });
    const o = resolve(['--plan', 'max20', '--fee', '180', '--window-limit', '120', '--dir', '/b', '--dir', '/c'], config);
    expect(o).toMatchObject({ plan: 'max20', feeUSD: 180, windowLimit: 120, roots: ['/b', '/c'] });
    expect(resolve(['--plan', 'max20'])).toMatchObject({ feeUSD: 200 });
  });

  it('reads --json, --follow, statusline and the clock', () => {
    expect(resolve(['--json']).mode).toBe('json');
    expect(resolve(['--json', '--follow']).mode).toBe('follow');
    expect(resolve(['statusline']).mode).toBe('statusline');
    expect(resolve(['--now', '2026-11-25T10:00:00Z']).now).toBe(Date.UTC(2026, 10, 25, 10));
    expect(resolve(['--since', '20261001']).since).toBe('2026-10-01');
  });

  it('turns colour off with --no-color or NO_COLOR', () => {
    expect(resolve(['--no-color']).color).toBe(false);
    expect(resolve([], {}, { NO_COLOR: '1' }).color).toBe(false);
  });

  it('rejects bad values with the flag named', () => {
    expect(() => resolve(['--plan', 'gold'])).toThrow('--plan: bad value "gold"');
    expect(() => resolve(['--price-multiplier', '0'])).toThrow('--price-multiplier');
    expect(() => resolve(['--tz', 'Mars/Olympus'])).toThrow('unknown time zone "Mars/Olympus"');
    expect(() => resolve(['--since', 'yesterday'])).toThrow(UsageError);
    expect(() => resolve(['--follow'])).toThrow('--follow goes with --json');
    expect(() => parseFlags(['--frobnicate'])).toThrow(UsageError);
  });
});

describe('config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cctop-config-'));

  it('is optional at its default place', () => {
    expect(readConfig(null, { HOME: dir })).toEqual({});
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/cctop/config.json');
    expect(defaultConfigPath({ HOME: '/h' })).toBe('/h/.config/cctop/config.json');
    expect(stateDir({ HOME: '/h' })).toBe('/h/.local/state/cctop');
  });

  it('is validated, naming the bad field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ plan: 'max5', fee: -3, bell: 'yes' }));
    expect(() => readConfig(file, {})).toThrow(ConfigError);
    expect(() => readConfig(file, {})).toThrow(/fee: .*\n.*bell: /s);
  });

  it('names an unknown key and unreadable JSON', () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ plann: 'pro' }));
    expect(() => readConfig(file, {})).toThrow(/plann/);
    writeFileSync(file, '{ not json');
    expect(() => readConfig(file, {})).toThrow(/cannot read config file/);
  });

  it('accepts every documented key', () => {
    const file = join(dir, 'full.json');
    const full = {
      plan: 'custom', fee: 150, seats: 3, windowLimit: 60, weeklyLimit: 'auto', limitBasis: 'io', timeZone: 'Asia/Tokyo',
      priceMultiplier: 0.5, pricingFile: '/p.json', costMode: 'auto', roots: ['/r'], burnWindowMinutes: 15,
      spikeFloor: 80000, spikeFactor: 4, bell: true, alertLog: '/tmp/alerts.log',
    };
    writeFileSync(file, JSON.stringify(full));
    expect(readConfig(file, {})).toEqual(full);
  });
});
