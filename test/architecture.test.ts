import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, test } from 'vitest';

/** The shipped source: what tsconfig.build.json compiles. */
const SOURCE: string[] = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')).include;

async function cruiseSource(): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const { output } = await cruise(SOURCE, { ...options, outputType: 'json' }, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
  return JSON.parse(output as string) as ICruiseResult;
}

/** The top-level part a module belongs to: its folder, or the file itself at the root. */
const partOf = (source: string) => source.split('/')[0]!;

/** The first cycle among the parts' imports, as `a → b → a`, or null. */
function partCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string | null {
  const done = new Set<string>();
  const visit = (part: string, path: readonly string[]): string | null => {
    if (path.includes(part)) return [...path.slice(path.indexOf(part)), part].join(' → ');
    if (done.has(part)) return null;
    for (const next of edges.get(part) ?? []) {
      const cycle = visit(next, [...path, part]);
      if (cycle) return cycle;
    }
    done.add(part);
    return null;
  };
  for (const part of edges.keys()) {
    const cycle = visit(part, []);
    if (cycle) return cycle;
  }
  return null;
}

describe('the import rules of .dependency-cruiser.cjs (README "Architecture")', async () => {
  const result = await cruiseSource();

  test('the source breaks none of them', () => {
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
    expect(violations).toEqual([]);
    expect(result.summary.totalCruised).toBeGreaterThan(100);
  });

  test('no two folders import each other, however indirectly', () => {
    const edges = new Map<string, Set<string>>();
    for (const module of result.modules) {
      if (module.coreModule || module.source.startsWith('node_modules/')) continue;
      for (const dependency of module.dependencies) {
        if (dependency.coreModule || dependency.resolved.startsWith('node_modules/')) continue;
        const [from, to] = [partOf(module.source), partOf(dependency.resolved)];
        if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    expect(edges.size).toBeGreaterThan(5);
    expect(partCycle(edges)).toBeNull();
  });

  test('a break is reported: a check that imports the client, and two folders that import each other', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'grantproof-imports-'));
    const files: Record<string, string> = {
      'checks/judge.ts': "import { send } from '../client/http.js';\nexport const judge = () => send();\n",
      'client/http.ts': "import { parse } from '../results/model.js';\nexport const send = () => parse();\n",
      'results/model.ts': "import { send } from '../client/http.js';\nexport const parse = (): unknown => send;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.join(dir, path.dirname(file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
    const { output } = await cruise(['checks', 'client', 'results'], { ...options, baseDir: dir, tsConfig: undefined, outputType: 'json' });
    const rules = new Set((JSON.parse(output as string) as ICruiseResult).summary.violations.map((v) => v.rule.name));
    expect(rules).toContain('checks-see-the-floor');
    expect(rules).toContain('layer-client');
    expect(rules).toContain('no-circular');
  });
});
