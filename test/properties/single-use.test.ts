import { afterEach, describe, expect, it } from 'vitest';
import { TargetClient } from '../../client/target.js';
import { TargetKit } from '../../client/kit.js';
import { redeemInSequence, redemptionCommands } from '../../catalogue/properties/single-use.js';
import { UseModel, type Redemption, type RedemptionAnswer } from '../../catalogue/properties/use-model.js';
import type { ReferenceServerOptions } from '../../reference-server/index.js';
import { brokenServers } from '../broken-servers/index.js';
import { runConfigFor } from '../support/in-process.js';
import { referenceTarget } from '../support/servers.js';

/** Issue 15's sequence: the second refusal is the code's reuse, not the JWT's. */
const issueSequence: Redemption[] = [
  { code: 2, jwt: 2 },
  { code: 2, jwt: 2 },
  { code: 0, jwt: 0 },
  { code: 1, jwt: 0 },
];

const granted: RedemptionAnswer = { accepted: true };
const refused = (error: string | undefined): RedemptionAnswer => ({ accepted: false, error });

/** The model's verdict on each answer of a sequence, and what it concluded about one-time JWTs. */
function observeAll(sequence: readonly Redemption[], answers: readonly RedemptionAnswer[]) {
  const model = new UseModel();
  const problems = sequence.map((redemption, index) => model.observe(redemption, answers[index]!));
  return { problems, enforcesOneTimeJwt: model.enforcesOneTimeJwt };
}

describe('the model of PROP-SINGLE-USE', () => {
  it("passes issue 15's sequence against a target without one-time JWTs: invalid_code for a redeemed code says nothing of the JWT", () => {
    expect(observeAll(issueSequence, [granted, refused('invalid_code'), granted, granted])).toEqual({ problems: [null, null, null, null], enforcesOneTimeJwt: false });
  });

  it('learns one-time JWTs from an invalid_client refusal of a reused JWT, and then holds the target to them', () => {
    expect(observeAll(issueSequence, [granted, refused('invalid_client'), granted, refused('invalid_client')])).toEqual({ problems: [null, null, null, null], enforcesOneTimeJwt: true });
    expect(observeAll(issueSequence, [granted, refused('invalid_client'), granted, granted]).problems[3]).toBe('JWT 0 accepted a second time, after the target had refused a JWT\'s reuse');
  });

  it('learns one-time JWTs from any refusal of a reused JWT with an unredeemed code: nothing but the JWT can be wrong', () => {
    const sequence: Redemption[] = [{ code: 0, jwt: 1 }, { code: 1, jwt: 1 }, { code: 2, jwt: 0 }, { code: 1, jwt: 0 }];
    expect(observeAll(sequence, [granted, refused('invalid_code'), granted, granted])).toEqual({
      problems: [null, null, null, 'JWT 0 accepted a second time, after the target had refused a JWT\'s reuse'],
      enforcesOneTimeJwt: true,
    });
  });

  it('fails a second redemption of a code, whatever the JWT', () => {
    const sequence: Redemption[] = [{ code: 0, jwt: 'fresh' }, { code: 0, jwt: 'fresh' }];
    expect(observeAll(sequence, [granted, granted]).problems).toEqual([null, 'code 0 redeemed a second time']);
  });
});

describe("issue 15's sequence sent to a target", () => {
  let close: () => Promise<void> = async () => undefined;
  afterEach(() => close());

  async function sequenceAgainst(options: ReferenceServerOptions) {
    const target = await referenceTarget(options);
    const client = new TargetClient(runConfigFor(target));
    const kit = new TargetKit(client, 'PROP-SINGLE-USE', () => undefined);
    close = async () => {
      await kit.close();
      await client.close();
      await target.close();
    };
    const violation = await redeemInSequence(kit, { commands: redemptionCommands(issueSequence), codeScopes: [['read'], ['write', 'read'], ['write']] });
    return { violation, answers: client.exchanges.map((exchange) => exchange.response?.status) };
  }

  it('holds against a target without one-time JWTs, which accepts JWT 0 twice', async () => {
    const { options } = brokenServers.find((server) => server.name === 'storx-without-one-time-jwts')!;
    expect(await sequenceAgainst(options)).toEqual({ violation: null, answers: [200, 400, 200, 200] });
  });

  it('holds against the reference server, which refuses every reused JWT', async () => {
    expect(await sequenceAgainst({})).toEqual({ violation: null, answers: [200, 401, 200, 401] });
  });
});
