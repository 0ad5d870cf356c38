// @ts-check
/**
 * The import rules of grantproof's source (README "Architecture"), checked by
 * test/architecture.test.ts in `npm test` and by `npm run lint:imports`.
 *
 * The folders are layered: a folder imports only folders of lower layers, so no two
 * folders can import each other, however indirectly. The rules after the layering say
 * the same things in the words of the design, so that a violation names the rule it breaks.
 */

/** Lowest first. A folder may import the folders of the layers before its own. */
const LAYERS = [
  // The floor and the two independent parts: they import nothing of the project.
  ['vocabulary', 'jwt', 'reference-server'],
  // Pure functions of what was recorded.
  ['checks'],
  // The requirements, their typed expectations and case builders: data at the bottom.
  ['catalogue'],
  // The only code that talks to a target; the one results model.
  ['client', 'results'],
  // What uses a target: Pact verification and the doctor.
  ['contract', 'doctor'],
  // Writers of the results model; the target's container, whose log joins the results.
  ['reporters', 'containers'],
  // The runner: vitest and its glue.
  ['suites'],
  // The command line, and the library's entry.
  ['cli', 'index.ts'],
];

const FOLDERS = LAYERS.flat();
const inFolder = (folders) => `^(${folders.map((f) => f.replace('.', '\\.')).join('|')})($|/)`;

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const layering = LAYERS.flatMap((layer, index) =>
  layer.map((folder) => ({
    name: `layer-${folder}`,
    comment: `${folder} imports only ${LAYERS.slice(0, index).flat().join(', ') || 'nothing of the project'} (the layers below it)`,
    severity: 'error',
    from: { path: inFolder([folder]) },
    to: { path: inFolder(FOLDERS.filter((f) => f !== folder && !LAYERS.slice(0, index).flat().includes(f))) },
  })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layering,
    {
      name: 'floor-imports-nothing',
      comment: 'vocabulary/ (exchanges, judgements, the run record, error codes, harness errors, the run configuration) imports nothing of the project',
      severity: 'error',
      from: { path: inFolder(['vocabulary']) },
      to: { path: inFolder(FOLDERS.filter((f) => f !== 'vocabulary')) },
    },
    {
      name: 'independent-parts',
      comment: 'jwt/ and reference-server/ import nothing of the project: the reference server verifies with jose, never with the harness\'s own code',
      severity: 'error',
      from: { path: inFolder(['jwt', 'reference-server']) },
      to: { path: inFolder(FOLDERS), pathNot: '^$1/' },
    },
    {
      name: 'checks-see-the-floor',
      comment: 'checks/ imports only vocabulary/: a verdict is a pure function of what was recorded',
      severity: 'error',
      from: { path: inFolder(['checks']) },
      to: { path: inFolder(FOLDERS.filter((f) => f !== 'checks' && f !== 'vocabulary')) },
    },
    {
      name: 'catalogue-is-data',
      comment: 'catalogue/ never imports the client, the results, the runner, the contract or the command line',
      severity: 'error',
      from: { path: inFolder(['catalogue']) },
      to: { path: inFolder(['client', 'results', 'suites', 'contract', 'cli', 'reporters', 'doctor', 'containers']) },
    },
    {
      name: 'reporters-see-the-results',
      comment: 'reporters/ import only results/, vocabulary/ and the catalogue\'s types: they write the results model, never the live catalogue',
      severity: 'error',
      from: { path: inFolder(['reporters']) },
      to: { path: inFolder(FOLDERS.filter((f) => !['reporters', 'results', 'vocabulary', 'catalogue'].includes(f))) },
    },
    {
      name: 'reporters-see-catalogue-types-only',
      comment: 'an older results.json is reported as it was written, not with today\'s catalogue',
      severity: 'error',
      from: { path: inFolder(['reporters']) },
      to: { path: inFolder(['catalogue']), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'the command line is the top: nothing of the source imports cli/',
      severity: 'error',
      from: { pathNot: inFolder(['cli']) },
      to: { path: inFolder(['cli']) },
    },
    {
      name: 'no-circular',
      comment: 'no module imports itself through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test|examples|bench)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
