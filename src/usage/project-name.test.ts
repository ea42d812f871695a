import { describe, expect, it } from 'vitest';
import { decodeProjectFolder, projectFolderName, projectName, shortProject } from './project-name.js';

describe('project folders', () => {
  it('finds the folder under projects/ of a log path, subagents included', () => {
    expect(projectFolderName('/home/me/.claude/projects/-home-me-proj/5d1c7a52.jsonl')).toBe('-home-me-proj');
    expect(projectFolderName('/home/me/.claude/projects/-home-me-proj/5d1c7a52/subagents/agent-1.jsonl')).toBe('-home-me-proj');
    expect(projectFolderName('-home-me-proj')).toBe('-home-me-proj');
  });

  it('decodes the home folder and the root, keeping the ambiguous hyphens', () => {
    expect(decodeProjectFolder('-home-me-proj')).toBe('~/proj');
    expect(decodeProjectFolder('-home-me-src-my-app')).toBe('~/src-my-app');
    expect(decodeProjectFolder('-Users-ana-code')).toBe('~/code');
    expect(decodeProjectFolder('-root-work')).toBe('~/work');
    expect(decodeProjectFolder('C--Users-me-proj')).toBe('~/proj');
    expect(decodeProjectFolder('-home-me')).toBe('~');
    expect(decodeProjectFolder('-srv-data')).toBe('/srv-data');
    expect(decodeProjectFolder('-rootless-x')).toBe('/rootless-x');
    expect(decodeProjectFolder('/x/.claude/projects/-home-me-項目/a.jsonl')).toBe('~/項目');
    expect(decodeProjectFolder('')).toBe('(unknown)');
  });
});

describe('shortProject', () => {
  it('is the last two folders of the cwd', () => {
    expect(shortProject('/home/me/src/cctop')).toBe('src/cctop');
    expect(shortProject('C:\\Users\\me\\proj')).toBe('me/proj');
    expect(shortProject('/cctop/')).toBe('cctop');
    expect(shortProject('')).toBe('(unknown)');
    expect(shortProject('/')).toBe('/');
  });
});

describe('projectName', () => {
  it("is the same for every output: the cwd's last folders, else the log folder decoded", () => {
    expect(projectName('', '-home-me-proj')).toBe('~/proj');
    expect(projectName('', null)).toBe('(unknown)');
    expect(projectName('/home/me/src/app', '-home-me-src-app')).toBe('src/app');
  });
});
