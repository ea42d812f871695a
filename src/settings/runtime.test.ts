import { describe, expect, it } from 'vitest';
import { supportedNode } from './runtime.js';

describe('the Node version check', () => {
  it('takes 22.13 and later, refuses older', () => {
    expect(['22.13.0', '22.23.5', '24.21.0', '26.0.0', '100.0.0'].map(supportedNode)).toEqual([true, true, true, true, true]);
    expect(['22.12.0', '22.5.1', '20.20.2', '18.19.0', '2.99.0', ''].map(supportedNode)).toEqual([false, false, false, false, false, false]);
  });

  it('holds for the Node that runs this suite', () => {
    expect(supportedNode(process.versions.node)).toBe(true);
  });
});
