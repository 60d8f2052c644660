import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The architecture rules of .dependency-cruiser.js, as part of `npm test`.
 *
 * dependency-cruiser is ESM only, which jest's CommonJS runtime cannot load, so the cruise
 * runs in a child node process: the same command as `npm run lint:arch`, with JSON output.
 */

const ROOT = join(__dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string; readonly severity: string };
}

interface CruiseResult {
  readonly violations: readonly Violation[];
  readonly totalCruised: number;
}

function cruise(cwd: string, targets: readonly string[]): CruiseResult {
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, ...targets, '--config', '.dependency-cruiser.js', '--output-type', 'json'],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error) throw run.error;
  if (!run.stdout.trim()) throw new Error(`dependency-cruiser wrote no result (exit ${run.status}):\n${run.stderr}`);
  const { summary } = JSON.parse(run.stdout) as { summary: CruiseResult };
  return summary;
}

const format = (violations: readonly Violation[]): string =>
  violations.map((v) => `${v.rule.severity} ${v.rule.name}: ${v.from} -> ${v.to}`).join('\n');

describe('architecture (.dependency-cruiser.js)', () => {
  it('apps/ and libs/ break no rule', () => {
    const targets = ['apps', 'libs'].filter((dir) => existsSync(join(ROOT, dir)));
    const result = cruise(ROOT, targets);

    expect(result.totalCruised).toBeGreaterThan(0);
    expect(format(result.violations)).toBe('');
  });

  describe('the rules catch what they are meant to (fixture tree)', () => {
    let dir: string;
    let violations: readonly Violation[];

    const files: Record<string, string> = {
      'libs/shared-kernel/src/index.ts': "export const kernel = 1;\n",
      'libs/platform/src/index.ts': "import { kernel } from '@cm/shared-kernel';\nexport const platform = kernel;\n",
      'libs/platform/src/internal.ts': 'export const internal = 1;\n',
      'libs/event-store/src/index.ts': "import { customer } from '@cm/customer';\nexport const store = customer;\n",
      'libs/customer/src/index.ts': "export { customer } from './customer.module';\n",
      'libs/customer/src/customer.module.ts':
        "import { internal } from '../../platform/src/internal';\nimport { decide } from './domain/decide';\n" +
        'export const customer = [internal, decide];\n',
      'libs/customer/src/domain/decide.ts':
        "import { randomUUID } from 'node:crypto';\nimport type { Kysely } from 'kysely';\n" +
        "import { platform } from '@cm/platform';\nimport { kernel } from '@cm/shared-kernel';\n" +
        "import { evolve } from './evolve';\nexport const decide = [randomUUID, platform, kernel, evolve] as unknown as Kysely<never>;\n",
      'libs/customer/src/domain/evolve.ts': "import { decide } from './decide';\nexport const evolve = () => decide;\n",
      'libs/customer/src/domain/decide.spec.ts': "import { internal } from '../../../platform/src/internal';\nexport const t = internal;\n",
      'libs/customer/src/domain/state.ts': "import { row } from '../store/row';\nexport const state = row;\n",
      'libs/customer/src/store/row.ts': "import type { Pool } from 'pg';\nexport const row = 1 as unknown as Pool;\n",
      'libs/shared-kernel/src/leak.ts': "import { store } from '@cm/event-store';\nexport const leak = store;\n",
      'libs/platform/src/boot.ts': "import { main } from '../../../apps/api/src/main';\nexport const boot = main;\n",
      'apps/api/src/main.ts': "import { decide } from '../../../libs/customer/src/domain/decide';\nexport const main = decide;\n",
    };

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'cm-arch-'));
      const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
      tsconfig.compilerOptions.paths = {
        '@cm/shared-kernel': ['libs/shared-kernel/src/index'],
        '@cm/platform': ['libs/platform/src/index'],
        '@cm/event-store': ['libs/event-store/src/index'],
        '@cm/customer': ['libs/customer/src/index'],
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
      writeFileSync(join(dir, '.dependency-cruiser.js'), readFileSync(join(ROOT, '.dependency-cruiser.js')));
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      violations = cruise(dir, ['apps', 'libs']).violations;
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const broken = (rule: string, from: string, to: string): boolean =>
      violations.some((v) => v.rule.name === rule && v.from === from && v.to.endsWith(to));

    it.each([
      ['lib-only-through-index', 'libs/customer/src/customer.module.ts', 'libs/platform/src/internal.ts'],
      ['lib-only-through-index', 'apps/api/src/main.ts', 'libs/customer/src/domain/decide.ts'],
      ['event-store-knows-no-context', 'libs/event-store/src/index.ts', 'libs/customer/src/index.ts'],
      ['domain-no-node-builtins', 'libs/customer/src/domain/decide.ts', 'crypto'],
      ['domain-no-infrastructure', 'libs/customer/src/domain/decide.ts', 'node_modules/kysely/dist/esm/index.js'],
      ['domain-only-own-lib-and-shared-kernel', 'libs/customer/src/domain/decide.ts', 'libs/platform/src/index.ts'],
      ['domain-pure-transitively', 'libs/customer/src/domain/state.ts', 'node_modules/pg/esm/index.mjs'],
      ['no-circular', 'libs/customer/src/domain/decide.ts', 'libs/customer/src/domain/evolve.ts'],
      ['shared-kernel-imports-no-lib', 'libs/shared-kernel/src/leak.ts', 'libs/event-store/src/index.ts'],
      ['libs-not-to-apps', 'libs/platform/src/boot.ts', 'apps/api/src/main.ts'],
    ])('%s: %s -> %s', (rule, from, to) => {
      expect(broken(rule, from, to)).toBe(true);
    });

    it('lets tests deep-import and a domain use @cm/shared-kernel', () => {
      expect(violations.filter((v) => v.from.endsWith('.spec.ts'))).toEqual([]);
      expect(violations.filter((v) => v.to === 'libs/shared-kernel/src/index.ts')).toEqual([]);
    });
  });
});
