/**
 * Faulty replacements for the seams of the rfc7523 reference server (reference-server/rfc7523/,
 * SPEC §5), one bug each, for the gallery in index.ts. Each is the correct step with one mistake
 * of the kind real token endpoints make; the storx ones are in faulty-parts.ts.
 */
import type { JWTPayload } from 'jose';
import { rfc7523, setBy } from '../../reference-server/index.js';

type Step = rfc7523.Rfc7523Step;

// ── Assembling step lists ───────────────────────────────────────────────────────────────

const referenceSteps = rfc7523.defaultRfc7523Seams.steps;

function stepNamed(name: string): Step {
  const step = referenceSteps.find((candidate) => candidate.name === name);
  if (step === undefined) throw new Error(`the rfc7523 reference server has no step named ${name}`);
  return step;
}

/** The rfc7523 reference server's validation order, with one or more steps changed. */
export const rfc7523Steps = {
  /** The reference steps with each replacement swapped in for the step of its name. */
  replacing(...replacements: readonly Step[]): readonly Step[] {
    return replacements.reduce<readonly Step[]>(
      (steps, replacement) => steps.map((step) => (step === stepNamed(replacement.name) ? replacement : step)),
      referenceSteps,
    );
  },
  /** The reference steps without the one named. */
  without(name: string): readonly Step[] {
    const dropped = stepNamed(name);
    return referenceSteps.filter((step) => step !== dropped);
  },
};

// ── The signature ────────────────────────────────────────────────────────────────────────

/**
 * `verifyAssertion` that lets the token's `alg` choose: `none`, in any spelling, is taken as
 * "nothing to verify" and the claims are read unchecked, as libraries did before RFC 8725 §2.1
 * ("alg": "none" accepted). Any other alg is verified as the reference does.
 */
export const verifyAssertionAcceptingAlgNone: Step = {
  name: 'verifyAssertion',
  run(ctx, env) {
    const jws = setBy(ctx.jws, rfc7523.decodeAssertion);
    if (String(jws.header['alg']).toLowerCase() !== 'none') return rfc7523.verifyAssertion.run(ctx, env);
    ctx.claims = jws.payload as JWTPayload;
    return undefined;
  },
};
