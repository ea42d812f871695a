import type { ReactElement } from 'react';
import { Box } from 'ink';
import { fitPanels, GAP, type Layout, type Slot } from '../kit/layout.js';
import { Lines, type Line } from '../kit/Lines.js';
import { grantedLines, livePanels, type BuiltPanel } from '../panels/live-panels.js';
import type { Metrics } from '../../engine/types.js';

interface LiveViewProps {
  /** The numbers to show. */
  metrics: Metrics;
  /** Terminal layout. */
  layout: Layout;
  /** Rows available (the footer excluded). */
  height: number;
  /** Colour on or off. */
  color: boolean;
  /** An extra notice line for the header, none when null. */
  banner?: string | null;
}

/** The granted rows of the panels in a slot, in display order. */
function slotLines(panels: BuiltPanel[], granted: Record<string, number>, slots: Slot[], ids?: string[]): Line[] {
  return panels
    .filter((p) => slots.includes(p.spec.slot) && (ids === undefined || ids.includes(p.spec.id)))
    .flatMap((p) => grantedLines(p, granted[p.spec.id] ?? 0));
}

/** All panels, cut to the height by priority: one column, or two from 100 columns. */
export function LiveView({ metrics, layout, height, color, banner }: LiveViewProps): ReactElement {
  const panels = livePanels(metrics, layout, color, banner);
  const granted = fitPanels(panels.map((p) => p.spec), layout.mode, height);
  if (layout.mode !== 'double') {
    return <Lines lines={slotLines(panels, granted, ['full', 'left', 'right'])} />;
  }
  return (
    <Box flexDirection="column">
      <Lines lines={slotLines(panels, granted, ['full'], ['header', 'activity', 'alert'])} />
      <Box flexDirection="row" gap={GAP}>
        <Lines lines={slotLines(panels, granted, ['left'])} width={layout.leftWidth} />
        <Lines lines={slotLines(panels, granted, ['right'])} width={layout.rightWidth} />
      </Box>
      <Lines lines={slotLines(panels, granted, ['full'], ['sessions'])} />
    </Box>
  );
}
