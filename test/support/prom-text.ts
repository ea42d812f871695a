/** Parses the Prometheus text format into `name{labels}` → value (help and type lines apart). */
export interface ParsedExposition {
  samples: Record<string, number>;
  help: Record<string, string>;
  type: Record<string, string>;
}

/** Reads every sample, HELP and TYPE line of a Prometheus text exposition. */
export function parseExposition(text: string): ParsedExposition {
  const parsed: ParsedExposition = { samples: {}, help: {}, type: {} };
  for (const line of text.split('\n')) {
    if (!line) continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      parsed[meta[1] === 'HELP' ? 'help' : 'type'][meta[2]!] = meta[3]!;
      continue;
    }
    const sample = /^(\S+?(?:\{.*\})?) (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    parsed.samples[sample[1]!] = Number(sample[2]);
  }
  return parsed;
}
