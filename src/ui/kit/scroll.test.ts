import { describe, expect, it } from 'vitest';
import { maxOffset, scrollAction, scrollTo, viewport } from './scroll.js';

const none = { upArrow: false, downArrow: false, pageUp: false, pageDown: false, home: false, end: false };

describe('viewport', () => {
  it('shows everything when it fits', () => {
    expect(viewport(3, 0, 5)).toEqual({ start: 0, end: 3, above: 0, below: 0 });
    expect(viewport(3, 2, 5)).toEqual({ start: 0, end: 3, above: 0, below: 0 });
  });
  it('gives a row to each cut side', () => {
    // 12 items in 5 rows: 4 + "more ↓"; then "more ↑" + 3 + "more ↓"; at the end "more ↑" + 4.
    expect(viewport(12, 0, 5)).toEqual({ start: 0, end: 4, above: 0, below: 8 });
    expect(viewport(12, 1, 5)).toEqual({ start: 1, end: 4, above: 1, below: 8 });
    expect(viewport(12, 8, 5)).toEqual({ start: 8, end: 12, above: 8, below: 0 });
    expect(viewport(12, 99, 5)).toEqual(viewport(12, 8, 5));
  });
  it('shows only the mark in one row, nothing in none', () => {
    expect(viewport(4, 0, 1)).toEqual({ start: 0, end: 0, above: 0, below: 4 });
    expect(viewport(4, 0, 0)).toEqual({ start: 0, end: 0, above: 0, below: 4 });
  });
});

describe('scrolling keys', () => {
  it('maps arrows, j/k, PgUp/PgDn, Home/End', () => {
    expect(scrollAction('', { ...none, downArrow: true })).toBe('down');
    expect(scrollAction('j', none)).toBe('down');
    expect(scrollAction('k', none)).toBe('up');
    expect(scrollAction('', { ...none, pageDown: true })).toBe('pageDown');
    expect(scrollAction('', { ...none, home: true })).toBe('home');
    expect(scrollAction('', { ...none, end: true })).toBe('end');
    expect(scrollAction('s', none)).toBeNull();
  });
  it('moves within the list, a page being the rows between the marks', () => {
    expect(maxOffset(12, 5)).toBe(8);
    expect(scrollTo(0, 'up', 12, 5)).toBe(0);
    expect(scrollTo(0, 'down', 12, 5)).toBe(1);
    expect(scrollTo(1, 'pageDown', 12, 5)).toBe(4);
    expect(scrollTo(7, 'pageDown', 12, 5)).toBe(8);
    expect(scrollTo(3, 'pageUp', 12, 5)).toBe(0);
    expect(scrollTo(3, 'end', 12, 5)).toBe(8);
    expect(scrollTo(3, 'home', 12, 5)).toBe(0);
    expect(scrollTo(0, 'end', 3, 5)).toBe(0);
  });
});
