/**
 * The layer rule of docs/architecture.md, checked in `npm test` (`npm run deps`):
 *   cli -> app -> {output, input, lexicon} -> core
 * Arrows point the only way an import may go; nothing imports upward, and
 * there are no cycles.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules form a tree of layers; a cycle means a type or helper lives in the wrong room.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      comment: 'src/core is pure: it imports only core (and no Node I/O modules).',
      from: { path: '^src/core/' },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'No file system, process, stream or worker access in the core.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|worker_threads|stream|net|http|https|readline|zlib|process|os)$' },
    },
    {
      name: 'middle-layers-only-down',
      severity: 'error',
      comment: 'input, lexicon and output sit side by side: each imports itself and core, nothing else of ours.',
      from: { path: '^src/(input|lexicon|output)/' },
      to: { path: '^src/', pathNot: ['^src/$1/', '^src/core/', '^src/types/'] },
    },
    {
      name: 'app-not-cli',
      severity: 'error',
      comment: 'The app is a library: it never imports the CLI (flags, terminal, exit codes).',
      from: { path: '^src/app/' },
      to: { path: '^src/(cli|index)' },
    },
    {
      name: 'nothing-imports-the-cli-entry',
      severity: 'error',
      from: { path: '^src/(?!cli/)' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
