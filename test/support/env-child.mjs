// A child for test/isolation.test.ts: writes its whole environment as JSON to the file named by
// its first argument (later arguments are ignored: it also stands in for ssh).
import { writeFileSync } from 'node:fs';

writeFileSync(process.argv[2], JSON.stringify(process.env));
