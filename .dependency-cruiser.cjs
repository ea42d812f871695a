// The arrows of the layout (README "Development", DESIGN.md §5): each folder of src/ may import
// only the folders before it in the pipeline. Tests beside the code may also use test/support.
const allowed = {
  logs: [],
  // The sanitiser is a leaf (it imports nothing): cctop's own state files are read as untrusted too.
  state: ['logs/sanitize\\.ts$'],
  usage: ['logs/events\\.ts$', 'logs/sanitize\\.ts$', 'state'],
  // cctop's own files, the store's folder included, are made by one rule (state/private-files).
  store: ['logs/events\\.ts$', 'state/private-files\\.ts$'],
  settings: ['usage', 'state', 'logs/events\\.ts$'],
  remote: ['logs'],
  demo: [],
  statusline: ['logs', 'usage', 'state', 'settings', 'ui/kit'],
  'ui/kit': ['usage/metrics-types\\.ts$', 'usage/window-history-types\\.ts$'],
  // The engine's own types (loading, diagnostics, machines) are shown beside usage's figures.
  'ui/panels': ['usage', 'logs/events\\.ts$', 'ui/kit', 'engine/types\\.ts$'],
  'ui/views': ['usage', 'logs/events\\.ts$', 'ui/kit', 'ui/panels', 'engine/types\\.ts$'],
  // The --json contract: metrics to JSON (alerts worded by ui/kit) and the view the exporters parse.
  snapshot: ['usage', 'logs/sanitize\\.ts$', 'ui/kit', 'engine/types\\.ts$'],
  export: ['snapshot'],
  mcp: ['snapshot'],
  // The live pipeline: no screen, no exporter (the commands attach those).
  engine: ['logs', 'usage', 'state', 'settings', 'store', 'remote', 'demo', 'ui/kit'],
  // One file per command: build the engine, attach the outputs.
  commands: ['logs', 'usage', 'state', 'settings', 'store', 'remote', 'demo', 'ui', 'snapshot', 'export', 'mcp', 'engine'],
};

const tests = '\\.test\\.tsx?$';

const folderRules = Object.entries(allowed).map(([folder, may]) => ({
  name: `${folder.replace('/', '-')}-arrows`,
  comment: `src/${folder} may import only: ${may.length ? may.join(', ') : 'nothing else in src'}`,
  severity: 'error',
  from: { path: `^src/${folder}/`, pathNot: tests },
  to: { path: '^src/', pathNot: [`^src/${folder}/`, ...may.map((m) => `^src/${m}`)] },
}));

module.exports = {
  forbidden: [
    ...folderRules,
    {
      name: 'cli-dispatch-only',
      comment: 'cli.tsx dispatches to the entry points and loads nothing else (but the import-free XDG paths, for the compile cache, and the Node version check)',
      severity: 'error',
      from: { path: '^src/cli\\.tsx$' },
      to: { path: '^src/', pathNot: ['^src/commands/main\\.ts$', '^src/statusline/statusline-cli\\.ts$', '^src/settings/xdg\\.ts$', '^src/settings/runtime\\.ts$'] },
    },
    {
      name: 'no-test-helpers-in-src',
      comment: 'test helpers live in test/support, and the product never imports them',
      severity: 'error',
      from: { path: '^src/', pathNot: tests },
      to: { path: '(^test/|\\.test\\.tsx?$)' },
    },
    { name: 'no-circular', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^node_modules/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
