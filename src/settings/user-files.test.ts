import { describe, expect, it } from 'vitest';
import { defaultConfigPath, defaultStorePath, stateDir } from './user-files.js';
import { compileCacheDir } from './xdg.js';

describe('cctop\'s own files under the XDG folders', () => {
  it('are under the XDG variable when it holds an absolute path, else under the home folder', () => {
    expect(defaultStorePath({ HOME: '/home/me', XDG_DATA_HOME: '/data' })).toBe('/data/cctop/history.sqlite');
    expect(defaultStorePath({ HOME: '/home/me', XDG_DATA_HOME: 'relative' })).toBe('/home/me/.local/share/cctop/history.sqlite');
    // An empty variable is unset (a shell's `XDG_DATA_HOME=`): never a file in the current folder.
    expect(defaultStorePath({ HOME: '/home/me', XDG_DATA_HOME: '' })).toBe('/home/me/.local/share/cctop/history.sqlite');
    expect(defaultConfigPath({ HOME: '/home/me', XDG_CONFIG_HOME: '' })).toBe('/home/me/.config/cctop/config.json');
    expect(stateDir({ HOME: '/home/me', XDG_STATE_HOME: 'x' })).toBe('/home/me/.local/state/cctop');
    expect(stateDir({ HOME: '/home/me', XDG_STATE_HOME: '/s' })).toBe('/s/cctop');
    expect(compileCacheDir({ HOME: '/home/me', XDG_CACHE_HOME: '/c' })).toBe('/c/cctop/compile');
    expect(compileCacheDir({ HOME: '/home/me', XDG_CACHE_HOME: '' })).toBe('/home/me/.cache/cctop/compile');
  });
});
