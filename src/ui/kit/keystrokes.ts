/**
 * The keystrokes of one `useInput` call. ink hands over all that one read of stdin held, so keys
 * typed (or repeated) faster than a frame arrive together as "jjjjj" or "31": each character is a
 * keystroke of its own, in order. Special keys (arrows, PgUp…) come one per call, as ink parsed them.
 */
export function keystrokes<Key>(input: string, key: Key): [string, Key][] {
  const characters = [...input];
  return characters.length <= 1 ? [[input, key]] : characters.map((character) => [character, key]);
}
