import { describe, expect, it } from 'vitest';
import { requirementById } from '../../catalogue/index.js';
import { galleryServer } from '../support/gallery-server.js';
import { emptyLogFile } from '../support/log-file.js';
import { judge, type Judged } from '../support/judge.js';
import { openThreats } from '../../results/threats.js';
import { NOT_SECURITY_REQUIREMENTS, threats } from '../../catalogue/threats.js';
import { contractBreaches, idsWith, statusOf } from '../support/run-cli.js';
import { correctVariants, everyBrokenServer, type BrokenServer } from './index.js';

/**
 * Every suite must be shown to catch the fault it is for: the catalogue, evaluated as
 * `grantproof run` evaluates it, fails against each broken server the requirement named for
 * its bug, and nothing the bug does not explain. A bug the example cases can name is judged by
 * the conformance stage; a blind spot of the examples must pass that stage and be caught by
 * the properties, at the default number of examples. The property stage runs with a pinned
 * seed so that this self-test is deterministic; how often each blind spot is caught across
 * seeds is in the README. Each server runs in a worker thread of its own; the evaluation runs
 * here, one server at a time. test/broken-servers/cli.test.ts runs a few of them through the
 * command line too, for exit codes and output files.
 */
const PROPERTY_SEED = '1';

/**
 * SPEC §6: the threats a bug opens are those for which the requirement it breaks is part of
 * every countermeasure; the run must show each of them not mitigated or partially
 * mitigated, never mitigated. Returns the ones it shows otherwise, with their status.
 */
function threatsLeftMitigated(run: Judged, caught: string): string[] {
  const opened = run.results.threats!.filter((t) => t.alternatives.every((alternative) => alternative.includes(caught)));
  return opened.filter((t) => t.status !== 'not mitigated' && t.status !== 'partially mitigated').map((t) => `${t.id}: ${t.status}`);
}

/** The stage that must catch a server's bug: the properties for a blind spot of the examples, the opt-in abuse stage for a rate limit's. */
function stageOf(server: BrokenServer): 'conformance' | 'properties' | 'abuse' {
  if (server.blindSpotOfExamples) return 'properties';
  return requirementById(server.catches)?.stage === 'abuse' ? 'abuse' : 'conformance';
}

describe('the catalogue against deliberately broken servers', () => {
  it('has every broken server open a threat, except those whose bug only breaks interoperability or a recommendation', () => {
    const opensNone = everyBrokenServer.filter((server) => !threats.some((t) => t.alternatives.every((alternative) => alternative.includes(server.catches))));
    const unexplained = opensNone.filter((server) => !(server.catches in NOT_SECURITY_REQUIREMENTS) && requirementById(server.catches)?.level !== 'SHOULD');
    expect(unexplained.map((server) => `${server.name} (${server.catches})`)).toEqual([]);
  });

  for (const server of everyBrokenServer) {
    const level = requirementById(server.catches)?.level;
    const stage = stageOf(server);
    it(`${server.name} (${server.bug}) fails ${server.catches} in the ${stage} stage`, async () => {
      expect(level, `${server.catches} is not a catalogue ID`).toBeDefined();
      // A bug in the server's own log is read from the file it writes to (SPEC §7).
      const log = server.logsTo === 'file' ? await emptyLogFile() : null;
      const target = await galleryServer(server.name, log ? { logFile: log.path } : {});
      try {
        const seed = server.blindSpotOfExamples ? ['--seed', PROPERTY_SEED] : [];
        const readLog = log ? ['--target-log', log.path] : [];
        const run = await judge([...target.args, '--only', stage, ...seed, ...readLog, ...(server.runArgs ?? [])]);
        expect(contractBreaches(run)).toBeNull();
        const fails = level === 'MUST' && !server.warnsOnly;
        expect(statusOf(run, server.catches)).toBe(fails ? 'failed' : 'warning');
        expect(run.exitCode).toBe(fails ? 1 : 0);
        const wrong = [...idsWith(run, 'failed'), ...idsWith(run, 'warning')];
        const explained = new Set([server.catches, ...(server.alsoFails ?? [])]);
        expect(wrong.filter((id) => !explained.has(id)), 'failures the bug does not explain').toEqual([]);
        expect(threatsLeftMitigated(run, server.catches), 'threats the bug opens, yet shown mitigated').toEqual([]);
        if (server.blindSpotOfExamples) {
          const examplesOnly = await judge([...target.args, '--only', 'conformance', ...(server.runArgs ?? [])]);
          expect(examplesOnly.exitCode, 'every example-based case lets this bug through').toBe(0);
        }
      } finally {
        await target.close();
        await log?.remove();
      }
    });
  }

  for (const variant of correctVariants) {
    it(`${variant.name} (a correct variant) passes clean with ${JSON.stringify(variant.runArgs)}`, async () => {
      const target = await galleryServer(variant.name);
      try {
        const run = await judge([...target.args, ...variant.runArgs]);
        expect(contractBreaches(run)).toBeNull();
        expect(run.exitCode, JSON.stringify(idsWith(run, 'failed'))).toBe(0);
        expect([...idsWith(run, 'failed'), ...idsWith(run, 'warning'), ...idsWith(run, 'inconclusive')]).toEqual([]);
        expect(openThreats(run.results.threats ?? []).map((t) => t.id), 'threats a correct server leaves open').toEqual([]);
      } finally {
        await target.close();
      }
    });
  }
});
