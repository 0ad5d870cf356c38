// The reference server without SPEC §1 step 5, the expiry check (the gallery's
// exp-never-checked), for the container tests. Like a careless service it logs its database
// password at start and every client_secret JWT it receives: the report must redact both.
import { clientAuthenticationSteps, codeRedemptionSteps, startReferenceServer } from '/app/dist/reference-server/index.js';

const logClientSecret = {
  name: 'logClientSecret',
  run(ctx) {
    console.log(`token request from ${ctx.request.client_id}: client_secret ${ctx.request.client_secret}`);
  },
};
// Logged once parsed as a JWS, so only JWTs reach the log, never a stored secret sent raw.
const steps = [
  ...clientAuthenticationSteps.flatMap((step) => (step.name === 'checkExpiry' ? [] : step.name === 'parseClientSecret' ? [step, logClientSecret] : [step])),
  ...codeRedemptionSteps,
];

console.log(`connecting to the client database with password ${process.env.DB_PASSWORD}`);
const server = await startReferenceServer({ host: '0.0.0.0', port: 10100, enableStates: true, faults: { steps } });
console.log(`token endpoint at ${server.tokenUrl}`);
