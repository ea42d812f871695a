/**
 * `JSON.stringify(value, null, 2)` in pieces, for an output written as it is made: an object
 * member by member, and a member that is an array element by element. The `--json` of a long
 * history is megabytes, nearly all of it its sessions (6.3 of 7.1 MB at 4 GiB of logs over 90
 * days); joined, the text and its copy on the way out were both in memory at the end of the run.
 */
export function* prettyJsonPieces(value: unknown): Generator<string> {
  if (!isPlainObject(value)) {
    yield JSON.stringify(value, null, 2);
    return;
  }
  let first = true;
  yield '{';
  for (const [key, member] of Object.entries(value)) {
    const pieces = Array.isArray(member) && member.length > 0 ? elementPieces(member) : wholePiece(member);
    const head = pieces.next();
    // What JSON.stringify leaves out (undefined, a function, a symbol) is left out here too.
    if (head.done) continue;
    yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: ${head.value}`;
    yield* pieces;
    first = false;
  }
  yield first ? '}' : '\n}';
}

function* wholePiece(member: unknown): Generator<string> {
  const text = JSON.stringify(member, null, 2) as string | undefined;
  if (text !== undefined) yield indented(text, '  ');
}

function* elementPieces(items: readonly unknown[]): Generator<string> {
  yield '[';
  for (let i = 0; i < items.length; i++) {
    const text = (JSON.stringify(items[i], null, 2) as string | undefined) ?? 'null';
    yield `${i === 0 ? '' : ','}\n    ${indented(text, '    ')}`;
  }
  yield '\n  ]';
}

/** JSON text one level deeper: every line break (never inside a string, where it is written `\n`) gains `pad`. */
function indented(text: string, pad: string): string {
  return text.includes('\n') ? text.replaceAll('\n', `\n${pad}`) : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
