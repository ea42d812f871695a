/** Plain-English pieces of the MCP tools' one-paragraph answers. */

const MINUTE = 60_000;

/** A duration for people: `51m`, `3h 0m`, `3d 11h`, `<1m`. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return '<1m';
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A percentage with one decimal: `12.5%`. */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

/** An amount in the limit basis: `$1.05` for cost, `1,195,051 tokens` otherwise. */
export function formatAmount(value: number, basis: string): string {
  return basis === 'cost' ? `$${value.toFixed(2)}` : `${Math.round(value).toLocaleString('en-US')} tokens`;
}

/** A burn rate: `10,619 tokens/min, $1.36/h`. */
export function formatRate(tokensPerMinute: number, costPerHour: number): string {
  return `${Math.round(tokensPerMinute).toLocaleString('en-US')} tokens/min, $${costPerHour.toFixed(2)}/h`;
}
