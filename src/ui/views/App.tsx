import { useCallback, useState, useSyncExternalStore, type ReactElement } from 'react';
import { Box, Text, useInput } from 'ink';
import { DaysView } from './DaysView.js';
import { DiagnosticsView } from './DiagnosticsView.js';
import { footerLines } from '../panels/footer.js';
import { headerLines } from '../panels/header.js';
import { HelpView } from './HelpView.js';
import { layoutFor, MIN_COLUMNS, MIN_ROWS, type Layout } from '../kit/layout.js';
import { Lines } from '../kit/Lines.js';
import { LiveView } from './LiveView.js';
import { ModelsView } from './ModelsView.js';
import { WindowsView } from './WindowsView.js';
import { SessionsView, type SessionSort } from './SessionsView.js';
import type { MonitorActions, MonitorSource } from './source.js';
import { useTerminalSize } from '../kit/useTerminalSize.js';
import { keystrokes } from '../kit/keystrokes.js';
import type { Metrics } from '../../engine/types.js';

type View = 'live' | 'days' | 'sessions' | 'models' | 'windows' | 'diagnostics' | 'help';

interface AppProps {
  /** The metrics store; re-emits every second and on every file event. */
  source: MonitorSource;
  /** Plan cycling and quitting. */
  actions: MonitorActions;
  /** Colour on or off (off under NO_COLOR / --no-color). */
  color: boolean;
  /** An extra notice line in the header (demo mode…). */
  banner?: string | null;
}

const VIEW_KEYS: Record<string, View> = { '1': 'live', '2': 'days', '3': 'sessions', '4': 'models', '5': 'windows', d: 'diagnostics', '?': 'help' };

/** The message shown instead of the UI below the minimum size. */
const TOO_SMALL = `terminal too small (need ${MIN_COLUMNS}×${MIN_ROWS})`;

interface ViewProps {
  view: View;
  metrics: Metrics;
  layout: Layout;
  height: number;
  sort: SessionSort;
  color: boolean;
  banner?: string | null;
}

/** The body of a non-live view: the header's first row, then the view. */
function OtherView({ view, metrics: m, layout, height, sort, color }: ViewProps): ReactElement {
  const head = headerLines({ planLabel: m.plan.label, demo: m.demo, timeZone: m.timeZone, now: m.now, filesWatched: m.filesWatched, lastEventAt: m.lastEventAt, loading: m.loading, spikes: m.spikes, width: layout.columns, color }).slice(0, 1);
  const size = { width: layout.columns, height: height - 1, color };
  return (
    <Box flexDirection="column">
      <Lines lines={head} />
      {view === 'days' && <DaysView days={m.days} {...size} />}
      {view === 'sessions' && <SessionsView sessions={m.sessions} sort={sort} timeZone={m.timeZone} {...size} />}
      {view === 'models' && <ModelsView byModel={m.models.monthByModel} {...size} />}
      {view === 'windows' && <WindowsView windows={m.windows} drift={m.drift} timeZone={m.timeZone} {...size} />}
      {view === 'diagnostics' && <DiagnosticsView diagnostics={m.diagnostics} machines={m.machines} now={m.now} {...size} />}
      {view === 'help' && <HelpView {...size} />}
    </Box>
  );
}

/** The monitor: reads the source, keeps the view state, handles keys, fits the terminal. */
export function App({ source, actions, color, banner }: AppProps): ReactElement {
  const subscribe = useCallback((listener: () => void) => source.subscribe(listener), [source]);
  const getSnapshot = useCallback(() => source.getSnapshot(), [source]);
  const metrics = useSyncExternalStore(subscribe, getSnapshot);
  const [view, setView] = useState<View>('live');
  const [sort, setSort] = useState<SessionSort>('cost');
  const { columns, rows } = useTerminalSize();

  useInput((input, key) => {
    for (const [character, k] of keystrokes(input, key)) {
      if (character === 'q' || (k.ctrl && character === 'c')) return actions.quit();
      if (character === 'p') actions.cyclePlan();
      else if (character === 's') setSort((s) => (s === 'cost' ? 'rate' : 'cost'));
      else if (k.escape) setView('live');
      else if (VIEW_KEYS[character]) setView(VIEW_KEYS[character]);
    }
  });

  const layout = layoutFor(columns, rows);
  // Wraps rather than cuts: the size it needs must stay readable in a very narrow pane.
  if (layout.mode === 'too-small') return <Text>{TOO_SMALL}</Text>;
  const footer = footerLines({ diagnostics: metrics.diagnostics, width: columns, color });
  // One row short of the terminal: a frame as tall as the screen makes ink clear it on every render.
  const height = rows - 1 - footer.length;
  const body = { metrics, layout, height, color, banner };
  return (
    <Box flexDirection="column" width={columns}>
      <Box flexDirection="column" height={height} overflow="hidden">
        {view === 'live' ? <LiveView {...body} /> : <OtherView view={view} sort={sort} {...body} />}
      </Box>
      <Lines lines={footer} />
    </Box>
  );
}
