import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A worker's entry by name: the built `<name>.js` beside the chunk that starts it (the build
 * puts every worker beside the chunks), or the `.ts` source run through tsx.
 */
export function workerScript(name: string, from: string): { url: URL; execArgv: string[] } | null {
  const js = new URL(`./${name}.js`, from);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: [] };
  const ts = new URL(`./${name}.ts`, from);
  if (existsSync(fileURLToPath(ts))) return { url: ts, execArgv: ['--import', 'tsx'] };
  return null;
}
