import seeds from '../../fixtures/seed-vectors.json' with { type: 'json' };

/** SPEC §1's test vectors, from the seeds (fixtures/seed-vectors.json). */
export const SEED_CLIENT_ID = seeds.clientId;
export const SEED_SECRET = seeds.secret;
export const SEED_VECTORS = seeds.vectors as unknown as readonly [SeedVector, SeedVector];

interface SeedVector {
  readonly exp: number;
  readonly token: string;
}

/** A forge input built on the seeds: its exp lies in the past, so jose checks pin `currentDate`. */
export const SEED_INPUT = { clientId: SEED_CLIENT_ID, exp: 1751019553, secret: SEED_SECRET } as const;

/** A moment before SEED_INPUT.exp, for jose's claim checks. */
export const BEFORE_SEED_EXP = new Date((SEED_INPUT.exp - 60) * 1000);

/** The stored secret as the HMAC key: its UTF-8 bytes. */
export const SEED_KEY = new TextEncoder().encode(SEED_SECRET);
