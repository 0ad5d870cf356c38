# The reference server (SPEC §1 and §3) as an image, for teams that test against a known-good
# token endpoint in their own CI. Build it in a clone after `npm ci`, which compiles dist/:
#   docker build -t grantproof-reference .
#   docker run -p 10100:10100 grantproof-reference
# It runs `grantproof serve` on 0.0.0.0:10100 with the state-change endpoint on; arguments
# given to `docker run` are added to serve's (e.g. `--leeway 30`).
# BASE_IMAGE: any image with node 20 at /usr/local/bin/node, npm at /usr/local/lib/node_modules/npm
# and a `node` user, as the official ones; on a machine that cannot pull, containers/build-local-base.sh
# makes one from the local node and npm.
ARG BASE_IMAGE=node:20-slim

# The dependencies `npm ci` installed, less the development ones (pruning needs no network).
# Exec form, for base images without a shell.
FROM ${BASE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY node_modules ./node_modules
RUN ["node", "/usr/local/lib/node_modules/npm/bin/npm-cli.js", "prune", "--omit=dev", "--ignore-scripts", "--offline", "--no-audit", "--no-fund"]

FROM ${BASE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY --from=dependencies /app/node_modules ./node_modules
COPY dist ./dist

USER node
EXPOSE 10100
ENTRYPOINT ["node", "/app/dist/cli/main.js", "serve", "--host", "0.0.0.0", "--port", "10100", "--enable-states"]
