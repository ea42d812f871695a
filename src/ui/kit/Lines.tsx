import { Fragment, type ReactElement, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { toneProps, type Tone } from './theme.js';
import { displayWidth, truncate } from './width.js';

/**
 * Panels are built as arrays of one-row elements so the App can count, budget and trim
 * their height exactly before rendering.
 */
export type Line = ReactElement;

/**
 * One terminal row: never wraps, cut at the container's width. ink's cut can leave a row one
 * column too wide where a wide character (CJK, emoji) meets the edge: text that may hold one
 * is cut beforehand (`cutRow`, `fit`, `truncate`).
 */
export function row(...children: ReactNode[]): Line {
  return (
    <Text wrap="truncate-end">
      {children.map((c, i) => (
        <Fragment key={i}>{c}</Fragment>
      ))}
    </Text>
  );
}

/** A row of plain text cut to `width` display columns (for text from logs: paths, names). */
export function cutRow(text: string, width: number, tone: Tone = 'plain', color = false): Line {
  return row(span(truncate(text, width), tone, color));
}

/** A span of text in a tone (plain when colour is off). */
export function span(text: string, tone: Tone, color: boolean): ReactElement {
  return <Text {...toneProps(tone, color)}>{text}</Text>;
}

/** "─ Title ─────" filled to the width. */
export function titleRow(title: string, width: number, color: boolean): Line {
  const head = `─ ${title} `;
  const fill = '─'.repeat(Math.max(0, width - displayWidth(head)));
  return row(span(head + fill, 'title', color));
}

/** Props of Lines. */
interface LinesProps {
  /** The rows to show, in order. */
  lines: Line[];
  /** Show at most this many rows (the rest is cut). */
  maxLines?: number;
  /** Width of the block in columns. */
  width?: number;
}

/** A column of one-row elements, cut to `maxLines`. */
export function Lines({ lines, maxLines, width }: LinesProps): ReactElement {
  const shown = maxLines === undefined ? lines : lines.slice(0, Math.max(0, maxLines));
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {shown.map((l, i) => (
        <Fragment key={i}>{l}</Fragment>
      ))}
    </Box>
  );
}
