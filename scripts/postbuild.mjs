// Makes the built entry point executable (tsc keeps the shebang but not the mode bit).
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
