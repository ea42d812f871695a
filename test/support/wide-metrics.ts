import type { SessionSummary } from '../../src/usage/session-types.js';
import { fixtureMetrics } from './fixture-metrics.js';
import type { Metrics } from '../../src/engine/types.js';

/** Project names, models and paths that are wide on screen: CJK, Hangul, emoji. */
export const WIDE_NAMES = ['項目/数据分析', '한국어-프로젝트', '🚀rocket-app'] as const;

function wideSession(base: SessionSummary, project: string, i: number): SessionSummary {
  return { ...base, sessionId: `abcdef0${i}-1111-2222-3333-444455556666`, project, cwd: `/home/me/${project}` };
}

/** The fixture moment with wide names everywhere a log string reaches the screen. */
export function wideMetrics(): Metrics {
  const m = fixtureMetrics();
  const sessions = m.sessions.map((s, i) => wideSession(s, WIDE_NAMES[i % WIDE_NAMES.length]!, i));
  const byModel = m.models.monthByModel.map((s, i) => (i === 2 ? { ...s, name: 'claude-未来-模型-🚀-9' } : s));
  return {
    ...m,
    days: m.days.map((d, i) => (i === 0 ? { ...d, topModel: 'claude-未来-模型-🚀-9' } : d)),
    sessions,
    spikes: m.spikes.map((s) => ({ ...s, project: WIDE_NAMES[1] })),
    models: { ...m.models, monthByModel: byModel },
    diagnostics: {
      ...m.diagnostics,
      files: [{ file: '/home/me/.claude/projects/-home-me-項目-数据分析/세션-🚀.jsonl', lines: 100, badLines: 3, samples: ['line 7: not JSON 数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据数据'] }],
      unpricedModels: [{ model: 'claude-未来-模型-🚀-9', tokens: 1200 }],
      unreadableRoots: [{ path: '/home/me/設定/클로드/🚀/.config/claude/projects/even/longer/than/eighty/columns', reason: 'EACCES' }],
      // The last two put a wide character across the 80th and the 50th column of the diagnostics view.
      notices: ['監視: ポーリング中 (inotify の上限に達しました) 監視: ポーリング中 (inotify の上限に達しました)', `${'a'.repeat(77)}数据`, `${'b'.repeat(47)}数据`],
    },
  };
}
