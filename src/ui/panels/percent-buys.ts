import { formatUSD } from '../kit/format.js';
import { row, span, type Line } from '../kit/Lines.js';
import type { CostPerPercent } from '../../usage/window-history-types.js';

/** "1 % ≈ $0.41 · peak $0.55 · off-peak $0.38 (local)": what a percent of the window buys, only when measured. */
export function percentBuysLines(cpp: CostPerPercent | undefined, color: boolean): Line[] {
  if (!cpp || cpp.current === null) return [];
  const hours = [cpp.peak === null ? '' : ` · peak ${formatUSD(cpp.peak)}`, cpp.offPeak === null ? '' : ` · off-peak ${formatUSD(cpp.offPeak)}`].join('');
  return [row(`1 % ≈ ${formatUSD(cpp.current)}`, span(`${hours} (local $)`, 'dim', color))];
}
