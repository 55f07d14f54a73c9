/**
 * Import directions from docs/architecture.md ("may import"), enforced on every `npm test`.
 * Each rule names a folder and the project folders it must not reach.
 */
const folders = ['shared', 'protocol', 'formats', 'config', 'data', 'model', 'train', 'client', 'state', 'ui'];
const mayImport = {
  shared: [],
  protocol: ['shared'],
  formats: ['protocol', 'shared'],
  config: ['protocol', 'shared'],
  data: ['protocol', 'shared'],
  model: ['protocol', 'shared'],
  train: ['model', 'data', 'config', 'formats', 'protocol', 'shared'],
  client: ['protocol', 'shared'],
  state: ['client', 'config', 'formats', 'protocol', 'shared'],
  ui: ['state', 'protocol', 'shared'],
};
const testFiles = '\\.(test|node)\\.ts$';
const heavyRuntimes = '^node_modules/(@tensorflow|h5wasm)';

const folderRules = folders.map((from) => {
  const banned = folders.filter((to) => to !== from && !mayImport[from].includes(to));
  return {
    name: `src-${from}-may-not-import`,
    comment: `src/${from} may import only: ${mayImport[from].join(', ') || 'nothing in src'}`,
    severity: 'error',
    // Tests and their Node-only helpers may reach across folders for fixtures (e.g. a real batch for model tests).
    from: { path: `^src/${from}/`, pathNot: testFiles },
    to: { path: banned.length ? `^src/(${banned.join('|')})/` : '^$' },
  };
});

module.exports = {
  forbidden: [
    ...folderRules,
    {
      name: 'workers-not-into-page-code',
      comment: 'workers/ may import src/* except ui, state, client',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/(ui|state|client)/' },
    },
    {
      name: 'page-side-without-tfjs-or-h5wasm',
      comment: 'the main thread never loads tfjs or h5wasm: that work happens in workers',
      severity: 'error',
      from: { path: '^src/(client|state|ui)/' },
      to: { path: heavyRuntimes },
    },
    {
      name: 'data-without-tfjs',
      severity: 'error',
      from: { path: '^src/(data|shared|protocol|formats|config)/' },
      to: { path: '^node_modules/@tensorflow' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
