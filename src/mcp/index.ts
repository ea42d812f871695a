/** MCP server: cctop's read-only tools over the `--json` snapshot, for Claude Code and other agents. */
export { createMcpServer, MCP_SERVER_VERSION } from './server.js';
export { runMcpStdio, mcpPrintConfig, type McpStdioSession, type McpStdioOptions } from './stdio.js';
