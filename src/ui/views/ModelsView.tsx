import type { ReactElement } from 'react';
import type { ModelShare } from '../../usage/session-types.js';
import { formatPercent, formatTokens, formatUSD, shortModel } from '../kit/format.js';
import { TableView, type ViewColumn } from '../kit/TableView.js';

interface ModelsViewProps {
  /** The month's rows by model id. */
  byModel: ModelShare[];
  /** Width in columns. */
  width: number;
  /** Rows available. */
  height: number;
  /** Colour on or off. */
  color: boolean;
}

const COLUMNS: ViewColumn[] = [
  { title: 'model', flex: true, priority: 10 },
  { title: 'family', priority: 4 },
  { title: 'tokens', align: 'right', priority: 7 },
  { title: 'tok %', align: 'right', priority: 5 },
  { title: 'cost', align: 'right', priority: 9 },
  { title: 'cost %', align: 'right', priority: 6 },
];

function cells(m: ModelShare): string[] {
  const name = m.priced ? shortModel(m.name) : `${shortModel(m.name)} (unpriced)`;
  return [name, m.family, formatTokens(m.tokens.total), formatPercent(m.tokenShare), formatUSD(m.costUSD), formatPercent(m.costShare)];
}

/** Per model id this month, with its family and shares. */
export function ModelsView({ byModel, width, height, color }: ModelsViewProps): ReactElement {
  const models = [...byModel].sort((a, b) => b.costUSD - a.costUSD);
  return <TableView title="Models this month" columns={COLUMNS} rows={models.map(cells)} width={width} height={height} color={color} />;
}
