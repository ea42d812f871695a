/** Deterministic filler text (tool results, file contents) cut from one seeded pool. */
export class Filler {
  private readonly pool: string;

  constructor(random: () => number, poolChars = 1 << 20) {
    const words: string[] = [];
    let length = 0;
    while (length < poolChars) {
      const word = randomWord(random);
      words.push(word);
      length += word.length + 1;
    }
    this.pool = words.join(' ');
  }

  /** `length` characters starting at a random place in the pool (wrapping around). */
  text(random: () => number, length: number): string {
    const start = Math.floor(random() * this.pool.length);
    let out = this.pool.slice(start, start + length);
    while (out.length < length) out += this.pool.slice(0, length - out.length);
    return out;
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Code and JSON punctuation: tool results are mostly source files and command output. */
const PUNCTUATION = ['"', '"', '"', '{', '}', '(', ')', '[', ']', ':', ',', ';', '=', '.', '_', '/', '\\', '\t', '\n', '\n', '<', '>', '-', '+', '*', "'"];
const NON_ASCII = ['é', 'ü', '€', '中文', '—', '✓', '🙂'];

function randomWord(random: () => number): string {
  const r = random();
  if (r < 0.3) return PUNCTUATION[Math.floor(random() * PUNCTUATION.length)]!;
  if (r < 0.3005) return NON_ASCII[Math.floor(random() * NON_ASCII.length)]!;
  if (r < 0.33) return String(Math.floor(random() * 100_000));
  const n = 1 + Math.floor(random() * 9);
  let w = '';
  for (let i = 0; i < n; i++) w += LETTERS[Math.floor(random() * 26)];
  return r < 0.38 ? w[0]!.toUpperCase() + w.slice(1) : w;
}
