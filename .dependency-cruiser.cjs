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
/**
 * The model files the page may read (src/state counts the model's parameters from them): the parameter specs
 * (`*-specs.ts`) and the configs they are computed from. `page-safe-model-without-tfjs` keeps them free of tfjs.
 */
const pageSafeModel = '^src/model/(.+-specs|params/parameter-spec|model-config|presets|run-model-config)\\.ts$';
/** Single files a folder may import from a folder it may not import as a whole. */
const mayImportFiles = { state: pageSafeModel };

const folderRules = folders.map((from) => {
  const banned = folders.filter((to) => to !== from && !mayImport[from].includes(to));
  return {
    name: `src-${from}-may-not-import`,
    comment: `src/${from} may import only: ${mayImport[from].join(', ') || 'nothing in src'}${mayImportFiles[from] ? `, and the files ${mayImportFiles[from]}` : ''}`,
    severity: 'error',
    // Tests and their Node-only helpers may reach across folders for fixtures (e.g. a real batch for model tests).
    from: { path: `^src/${from}/`, pathNot: testFiles },
    to: {
      path: banned.length ? `^src/(${banned.join('|')})/` : '^$',
      ...(mayImportFiles[from] ? { pathNot: mayImportFiles[from] } : {}),
    },
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
      name: 'page-safe-model-without-tfjs',
      comment: 'the model files the page may import reach only each other, protocol and shared: never tfjs or h5wasm',
      severity: 'error',
      from: { path: pageSafeModel },
      to: { pathNot: `${pageSafeModel}|^src/(protocol|shared)/` },
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
    // Packages stay in the graph as leaves (never excluded), so the rules against tfjs and h5wasm can see them.
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
