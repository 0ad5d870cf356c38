import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exitStatusBreach, resultsContractBreaches } from '../../results/contract.js';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `npx grantproof run` must work in a project that installed grantproof as a dependency,
 * not only in this repository: the packed tarball carries the compiled suites and the bin.
 */
describe('the packed package, installed in a fresh project', () => {
  it('runs the full catalogue with `npx grantproof run` and writes conformant results', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'grantproof-pack-'));
    await exec('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, env: { ...process.env, npm_config_loglevel: 'error' } });
    const tarball = (await readdir(work)).find((f) => f.endsWith('.tgz'))!;
    const project = path.join(work, 'consumer');
    await exec('mkdir', ['-p', project]);
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, tarball)], { cwd: project });
    const run = await exec('npx', ['--no-install', 'grantproof', 'run', '--out', 'out'], { cwd: project }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('verdict: conformant');
    const results = JSON.parse(await readFile(path.join(project, 'out', 'results.json'), 'utf8')) as { verdict: 'conformant' };
    expect(resultsContractBreaches(results)).toEqual([]);
    expect(exitStatusBreach(results, run.code)).toBeNull();
    // Outside tools validate a run with the schema the package exports.
    const { stdout: schemaPath } = await exec(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('grantproof/schema/results.v1.json'))"], { cwd: project });
    expect(schemaPath.trim()).toMatch(/node_modules\/grantproof\/schema\/results\.v1\.json$/);
  }, 300_000);

  it('installs into the example consumer project as its README says (npm run vendor, npm install) and records its pact', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'grantproof-example-'));
    const example = path.join(work, 'consumer-team');
    await cp(path.join(ROOT, 'examples', 'consumer-team'), example, { recursive: true, filter: (source) => !/[/\\](node_modules|vendor|pacts|package-lock\.json)$/.test(source) });
    // `npm run vendor` packs ../.. (this checkout, seen from examples/consumer-team): here the checkout is ROOT.
    const manifest = JSON.parse(await readFile(path.join(example, 'package.json'), 'utf8')) as { scripts: { vendor: string }; devDependencies: Record<string, string> };
    expect(manifest.devDependencies.grantproof).toBe('file:vendor/grantproof.tgz');
    await exec('sh', ['-c', manifest.scripts.vendor.replace('../..', JSON.stringify(ROOT))], { cwd: example });
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: example });
    const test = await exec('npm', ['test'], { cwd: example, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(test.code, test.stderr).toBe(0);
    expect(await readdir(path.join(example, 'pacts'))).toEqual(['example-app-storx-token-endpoint.json']);
    expect(await readFile(path.join(example, 'node_modules', 'grantproof', 'package.json'), 'utf8')).toContain('"name": "grantproof"');
  }, 600_000);
});
