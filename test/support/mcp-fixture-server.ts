import { runMcpStdio } from '../../src/mcp/stdio.js';
import { officialSnapshot } from './snapshots.js';

/**
 * `node --import tsx test/support/mcp-fixture-server.ts`: cctop's MCP server over stdio,
 * answering from the fixed official snapshot; exits 0 when the client closes stdin.
 */
const session = await runMcpStdio(() => officialSnapshot());
process.stderr.write('cctop mcp fixture server ready\n');
await session.closed;
process.exit(0);
