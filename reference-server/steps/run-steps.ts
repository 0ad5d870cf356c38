/** A named rule of a validation order, whatever the profile's context, settings and outcomes. */
export interface OrderedStep<Ctx, Env, Outcome> {
  readonly name: string;
  run(ctx: Ctx, env: Env): Outcome | Promise<Outcome>;
}

/**
 * Runs `steps` in order; the first refusal answers the request (SPEC §1: "validation order").
 *
 * Only a step that returns a promise is awaited. Every step after the signature check is
 * synchronous, so the one-time-JWT check and the code's check-and-consume run in one turn of
 * the event loop, with no other request in between (SPEC §1 step 7: single use, also under
 * concurrent redemption).
 */
export async function runSteps<Ctx, Env, Outcome>(
  steps: readonly OrderedStep<Ctx, Env, Outcome | undefined>[],
  ctx: Ctx,
  env: Env,
): Promise<Outcome | undefined> {
  for (const step of steps) {
    const pending = step.run(ctx, env);
    const outcome = pending instanceof Promise ? await pending : pending;
    if (outcome !== undefined) return outcome;
  }
  return undefined;
}
