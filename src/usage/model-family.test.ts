import { describe, expect, it } from 'vitest';
import { modelFamily } from './model-family.js';

describe('modelFamily', () => {
  it.each([
    ['claude-opus-4-6', 'Opus'],
    ['claude-3-opus-20240229', 'Opus'],
    ['us.anthropic.claude-opus-4-1-20250805-v1:0', 'Opus'],
    ['claude-sonnet-4-5-20250929', 'Sonnet'],
    ['claude-3-7-sonnet-latest', 'Sonnet'],
    ['Claude-Sonnet-5', 'Sonnet'],
    ['claude-haiku-5-5', 'Haiku'],
    ['claude-3-5-haiku-20241022', 'Haiku'],
    ['claude-fable-5-2', 'Other'],
    ['claude-mythos-5', 'Other'],
    ['<synthetic>', 'Other'],
    ['gpt-4', 'Other'],
    ['', 'Other'],
  ] as const)('%s → %s', (id, family) => {
    expect(modelFamily(id)).toBe(family);
  });
});
