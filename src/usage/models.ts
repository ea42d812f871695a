import type { ModelFamily, ModelShare } from './session-types.js';
import { modelFamily } from './model-family.js';
import type { ModelTotals } from './store.js';
import { addInto, emptyTokens } from './tokens.js';

const FAMILIES: readonly ModelFamily[] = ['Opus', 'Sonnet', 'Haiku', 'Other'];

/** One row per model id, by cost, with shares of the scope's tokens and cost. */
export function modelRows(models: ReadonlyMap<string, ModelTotals>): ModelShare[] {
  const rows = [...models].map(([name, t]) => ({
    name, family: modelFamily(name), tokens: t.tokens, costUSD: t.costUSD, priced: t.priced,
  }));
  return withShares(rows);
}

/** One row per family present (Opus / Sonnet / Haiku / Other), by cost. */
export function familyRows(models: ReadonlyMap<string, ModelTotals>): ModelShare[] {
  const rows = FAMILIES.map((family) => ({ name: family, family, tokens: emptyTokens(), costUSD: 0, priced: true }));
  for (const [name, t] of models) {
    const row = rows[FAMILIES.indexOf(modelFamily(name))]!;
    addInto(row.tokens, t.tokens);
    row.costUSD += t.costUSD;
    row.priced &&= t.priced;
  }
  return withShares(rows.filter((r) => r.tokens.total > 0 || r.costUSD > 0));
}

function withShares(rows: Omit<ModelShare, 'tokenShare' | 'costShare'>[]): ModelShare[] {
  const tokens = rows.reduce((a, r) => a + r.tokens.total, 0);
  const cost = rows.reduce((a, r) => a + r.costUSD, 0);
  return rows
    .map((r) => ({ ...r, tokenShare: tokens > 0 ? r.tokens.total / tokens : 0, costShare: cost > 0 ? r.costUSD / cost : 0 }))
    .sort((a, b) => b.costUSD - a.costUSD || b.tokens.total - a.tokens.total);
}
