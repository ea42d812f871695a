// A process on the alternate screen, for src/ui/kit/alt-screen.test.ts: `signal` waits to be
// signalled, `crash` throws; `listen` also has a SIGTERM handler of its own that exits 0.
import { onAlternateScreen } from '../../src/ui/kit/alt-screen.js';

const mode = process.argv[2];
onAlternateScreen(process.stdout, () => ({ unmount: () => void process.stdout.write('[unmounted]') }));
if (mode === 'listen') process.once('SIGTERM', () => setTimeout(() => process.exit(0), 10));
process.stdout.write('[ready]');
if (mode === 'crash') setTimeout(() => { throw new Error('boom'); }, 10);
else setInterval(() => {}, 1000);
