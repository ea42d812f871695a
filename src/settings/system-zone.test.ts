import { describe, expect, it } from 'vitest';
import { systemTimeZone } from './system-zone.js';

describe('the system time zone', () => {
  const resolved = Intl.DateTimeFormat().resolvedOptions().timeZone;

  it('is TZ as the user named it when it names a zone (not ICU\'s alias)', () => {
    expect(systemTimeZone('Asia/Kathmandu')).toBe('Asia/Kathmandu');
    expect(systemTimeZone(':Europe/Berlin')).toBe('Europe/Berlin');
    expect(systemTimeZone('UTC')).toBe('UTC');
  });

  it("is the runtime's zone for a TZ that is a file, no zone, or unset", () => {
    expect([systemTimeZone('/etc/localtime'), systemTimeZone('Not/AZone'), systemTimeZone(undefined)]).toEqual([resolved, resolved, resolved]);
  });
});
