import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { parseFlags, resolveOptions, UsageError } from './options.js';
import { defaultConfigPath, readConfig, stateDir } from './user-files.js';

const resolve = (argv: string[], config = {}, env = {}) => resolveOptions(parseFlags(argv), config, { HOME: '/h', ...env }, 'Europe/Paris');

describe('options', () => {
  it('has defaults a Max user expects', () => {
    const o = resolve([]);
    expect(o).toMatchObject({
      mode: 'monitor', plan: 'max', feeUSD: 100, seats: 1, limitBasis: 'cost', windowLimit: null,
      priceMultiplier: 1, costMode: 'calculate', burnWindowMinutes: 10, spikeFloor: 50_000, spikeFactor: 3,
      timeZone: 'Europe/Paris', color: true, roots: null, since: null, now: null,
      store: '/h/.local/share/cctop/history.sqlite', remotes: [], sshCommand: 'ssh', metrics: null, metricsLabels: [],
      exportFormat: null, pruneBefore: null, cursor: null, printConfig: false,
    });
  });

  it('lets flags override the config file, which overrides the plan preset', () => {
    const config = { plan: 'pro' as const, fee: 25, windowLimit: 'auto' as const, timeZone: 'UTC', roots: ['/a'] };
    expect(resolve([], config)).toMatchObject({ plan: 'pro', feeUSD: 25, windowLimit: 'auto', timeZone: 'UTC', roots: ['/a'] });
    const o = resolve(['--plan', 'max20', '--fee', '180', '--window-limit', '120', '--dir', '/b', '--dir', '/c'], config);
    expect(o).toMatchObject({ plan: 'ultra', feeUSD: 180, windowLimit: 120, roots: ['/b', '/c'] });
    expect(resolve(['--plan', 'max20'])).toMatchObject({ plan: 'ultra', feeUSD: 200 });
    expect(resolve(['--plan', 'max5'])).toMatchObject({ plan: 'max', feeUSD: 100 });
    expect(resolve(['--plan', 'team'])).toMatchObject({ plan: 'team', feeUSD: 150 });
    expect(() => resolve(['--plan', 'enterprise'])).toThrow('--plan enterprise is priced per contract: give the monthly fee per seat, --fee USD');
    expect(resolve(['--plan', 'enterprise', '--fee', '90'])).toMatchObject({ plan: 'enterprise', feeUSD: 90 });
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
    expect(() => resolve(['--tz', 'Mars/Olympus'])).toThrow('--tz: bad value "Mars/Olympus" (unknown time zone; expected an IANA name such as Europe/Berlin)');
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

  it('accepts the keys of the coming features', () => {
    const file = join(dir, 'coming.json');
    const coming = { store: false, remotes: ['devbox', 'ssh://me@10.0.0.5:2222/srv/claude'], sshCommand: 'ssh -F /dev/null', metrics: ':9469', metricsLabels: ['project'] };
    writeFileSync(file, JSON.stringify(coming));
    expect(readConfig(file, {})).toEqual(coming);
    expect(resolve([], readConfig(file, {}))).toMatchObject({
      store: null, sshCommand: 'ssh -F /dev/null', metrics: { host: '127.0.0.1', port: 9469 }, metricsLabels: ['project'],
      remotes: ['devbox', 'ssh://me@10.0.0.5:2222/srv/claude'],
    });
  });

  it('checks a value in the file as it checks the flag, with the same words', () => {
    const file = join(dir, 'range.json');
    writeFileSync(file, JSON.stringify({ burnWindowMinutes: 1e9, windowLimit: -5, store: true, metrics: 'localhost' }));
    expect(() => readConfig(file, {})).toThrow(
      `invalid config file ${file}:\n  windowLimit: expected auto or a number above 0, at most 1e12\n` +
        '  burnWindowMinutes: expected a whole number of minutes, 1–60\n  store: expected a file path or false\n' +
        '  metrics: expected host:port, [v6]:port or :port, with a port of 1–65535',
    );
  });
});
