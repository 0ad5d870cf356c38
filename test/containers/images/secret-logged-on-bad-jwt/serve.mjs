// The reference server that logs a client's stored secret to its standard output whenever a
// JWT's signature check fails, as StorX's handler does (the gallery's secret-logged-on-bad-jwt),
// for the container tests: LOG-NO-SECRET must find it in the container's log, and every report
// must show the line redacted.
import { clientAuthenticationSteps, codeRedemptionSteps, lookUpClient, setBy, startReferenceServer } from '/app/dist/reference-server/index.js';

const verifySignatureLoggingSecret = (verifySignature) => ({
  name: verifySignature.name,
  async run(ctx, env) {
    const refusal = await verifySignature.run(ctx, env);
    const client = setBy(ctx.client, lookUpClient);
    if (refusal !== undefined) env.log(`WARN jwt check failed for client ${client.id} with key ${client.secret}`);
    return refusal;
  },
});
const steps = [...clientAuthenticationSteps.map((step) => (step.name === 'verifySignature' ? verifySignatureLoggingSecret(step) : step)), ...codeRedemptionSteps];

const server = await startReferenceServer({ host: '0.0.0.0', port: 10100, enableStates: true, faults: { steps }, log: (line) => console.log(line) });
console.log(`token endpoint at ${server.tokenUrl}`);
