/** SPEC §1's test vectors, from the seeds. */
export const SEED_CLIENT_ID = 'e45fa79a-05f5-4f00-bbfe-bd0a14aead0a';
export const SEED_SECRET = '2b4719e00623ad66c4cde8681efc59e9d40bf96cdb43d4b9cf859e27d5252102';
export const SEED_VECTORS = [
  {
    exp: 1751019553,
    token:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGllbnRfaWQiOiJlNDVmYTc5YS0wNWY1LTRmMDAtYmJmZS1iZDBhMTRhZWFkMGEiLCJleHAiOjE3NTEwMTk1NTN9.UsHQ3A0EHWRahd4_zDf58Kjr4oLF7DsMfoIamqV6oZo',
  },
  {
    exp: 1751019361,
    token:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGllbnRfaWQiOiJlNDVmYTc5YS0wNWY1LTRmMDAtYmJmZS1iZDBhMTRhZWFkMGEiLCJleHAiOjE3NTEwMTkzNjF9.2USHN3Ad7nu7hoHY1keDqst1sI9R-ONHsx_GJotsPvI',
  },
] as const;

/** A forge input built on the seeds: its exp lies in the past, so jose checks pin `currentDate`. */
export const SEED_INPUT = { clientId: SEED_CLIENT_ID, exp: 1751019553, secret: SEED_SECRET } as const;

/** A moment before SEED_INPUT.exp, for jose's claim checks. */
export const BEFORE_SEED_EXP = new Date((SEED_INPUT.exp - 60) * 1000);

/** The stored secret as the HMAC key: its UTF-8 bytes. */
export const SEED_KEY = new TextEncoder().encode(SEED_SECRET);
