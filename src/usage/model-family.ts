import type { ModelFamily } from './session-types.js';

/** Family by name; Fable, Mythos and anything unknown are 'Other'. */
export function modelFamily(rawId: string): ModelFamily {
  const id = rawId.toLowerCase();
  if (id.includes('opus')) return 'Opus';
  if (id.includes('sonnet')) return 'Sonnet';
  if (id.includes('haiku')) return 'Haiku';
  return 'Other';
}
