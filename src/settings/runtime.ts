// Import-free, so that cli.tsx can check the runtime before it loads anything else.

/** The oldest Node cctop runs on: 22.13 is the first release whose node:sqlite needs no flag. */
export const MIN_NODE = '22.13';

/** True when `version` (as in `process.versions.node`) is at least MIN_NODE. */
export function supportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [minMajor, minMinor] = MIN_NODE.split('.').map(Number) as [number, number];
  return major > minMajor || (major === minMajor && minor >= minMinor);
}
