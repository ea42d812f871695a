import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { parseSnapshot, type SnapshotSource, type SnapshotView } from '../snapshot/view.js';
import { burnRate, daysInRange, monthSummary, sessionList } from './reports.js';
import {
  burnRateOutput, daysInput, daysOutput, monthSummaryOutput, sessionsInput, sessionsOutput, windowHistoryInput,
  windowHistoryOutput, windowStatusOutput,
} from './schemas.js';
import { windowHistory } from './window-history.js';
import { windowStatus } from './window-status.js';

/** The version the server reports in its MCP handshake. */
export const MCP_SERVER_VERSION = '0.1.0';

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

const NUMBERS = 'Numbers are those of `cctop --json`: tokens integers, USD API-equivalent floats, instants ISO-8601, durations milliseconds.';

/** A tool result carrying the answer as JSON text and as structured content. */
function answer(result: object): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result as Record<string, unknown> };
}

/** An MCP server with cctop's read-only tools, each answering from `getSnapshot()` at call time. */
export function createMcpServer(getSnapshot: SnapshotSource): McpServer {
  const server = new McpServer({ name: 'cctop', version: MCP_SERVER_VERSION });
  const view = (): SnapshotView => parseSnapshot(getSnapshot());

  server.registerTool('window_status', {
    title: 'Usage window status',
    description: 'How much of my Claude usage limits is used and left right now: the 5-hour window and the 7-day window, '
      + "official (Anthropic's own reading, when recent) and cctop's local estimate, when each resets, and when the limit "
      + 'would be hit at the current burn rate; every other window Anthropic reports (seven_day_opus, ...); what a percentage '
      + 'point of each buys in local spend and whether that drifted. The windows come in the account\'s order: an account '
      + 'without a 5-hour limit (Ultra) has fiveHour null and its 7-day window first. Call this before a long or expensive '
      + `task to decide whether to pace the work. Start with "summary"; "source" says whether the percentages are official. ${NUMBERS}`,
    outputSchema: windowStatusOutput,
    annotations: READ_ONLY,
  }, () => answer(windowStatus(view())));

  server.registerTool('window_history', {
    title: 'Official window history',
    description: 'The official usage windows recorded so far, newest first: each window\'s span, first, last and peak '
      + 'percentage, the local spend in it counted toward the plan, what a percentage point bought, and whether and when '
      + 'the limit was hit; with the median $/% per window key and its drift (what a whole window bought before and '
      + 'lately). Dollars are local spend on the machines cctop reads. Give "key" (five_hour, seven_day, seven_day_opus, '
      + `...) for one window kind. ${NUMBERS}`,
    inputSchema: windowHistoryInput,
    outputSchema: windowHistoryOutput,
    annotations: READ_ONLY,
  }, ({ key, limit }) => answer(windowHistory(view(), { key, limit })));

  server.registerTool('burn_rate', {
    title: 'Burn rate',
    description: 'How fast tokens and API-equivalent USD are being spent right now: tokens per minute and USD per hour over '
      + 'the trailing window (default 10 minutes) and the window before it, a per-minute sparkline of the last hour, the '
      + `5-hour window's projected total at its end, and the sessions burning now, fastest first. ${NUMBERS}`,
    outputSchema: burnRateOutput,
    annotations: READ_ONLY,
  }, () => answer(burnRate(view())));

  server.registerTool('month_summary', {
    title: 'Month summary',
    description: 'What this calendar month has cost so far at metered API prices and what it is projected to cost by month '
      + 'end, against the plan fee (value multiplier, break-even, heaviest day), with the model mix by family and by '
      + `model id. ${NUMBERS}`,
    outputSchema: monthSummaryOutput,
    annotations: READ_ONLY,
  }, () => answer(monthSummary(view())));

  server.registerTool('days', {
    title: 'Daily usage',
    description: 'Tokens and API-equivalent USD per day (with the per-model split) for a date range, plus the range total. '
      + 'Dates are YYYY-MM-DD in the monitor\'s time zone; both ends are optional and inclusive. Only days with usage are '
      + `listed, and only days since the loaded history start ("since"). ${NUMBERS}`,
    inputSchema: daysInput,
    outputSchema: daysOutput,
    annotations: READ_ONLY,
  }, ({ from, to }) => answer(daysInRange(view(), from, to)));

  server.registerTool('sessions', {
    title: 'Sessions',
    description: 'Claude Code sessions of the loaded history, spiking ones first, then the most recent: project, model, '
      + 'tokens and cost, the share in the current 5-hour window, the current burn rate, and whether each is active (last '
      + `30 minutes) or spiking; with counts of all, active and spiking sessions. ${NUMBERS}`,
    inputSchema: sessionsInput,
    outputSchema: sessionsOutput,
    annotations: READ_ONLY,
  }, ({ limit, only }) => answer(sessionList(view(), { limit, only })));

  return server;
}
