import { useState } from 'react';
import { useInput } from 'ink';
import { keystrokes } from './keystrokes.js';
import { maxOffset, scrollAction, scrollTo } from './scroll.js';

/** The scroll offset of a list of `total` items shown in `room` rows, moved by the scroll keys. */
export function useScroll(total: number, room: number): number {
  const [offset, setOffset] = useState(0);
  const last = maxOffset(total, room);
  useInput((input, key) => {
    for (const [character, k] of keystrokes(input, key)) {
      const action = scrollAction(character, k);
      if (action !== null) setOffset((o) => scrollTo(Math.min(o, last), action, total, room));
    }
  });
  // The list can shrink under a kept offset (a new snapshot, a resize).
  return Math.min(offset, last);
}
