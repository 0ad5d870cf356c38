# The reference server (SPEC §1 and §3) as an image, for teams that test against a known-good
# token endpoint in their own CI. Build it in a clone after `npm ci`, which compiles dist/:
#   docker build -t grantproof-reference .
#   docker run -p 10100:10100 grantproof-reference
# It runs `grantproof serve` on 0.0.0.0:10100 with the state-change endpoint on; arguments
# given to `docker run` are added to serve's (e.g. `--leeway 30`).
# BASE_IMAGE: any image with node 20 at /usr/local/bin/node and a `node` user; on a machine
# that cannot pull, containers/build-local-base.sh makes one from the local node binary.
ARG BASE_IMAGE=node:20-slim
FROM ${BASE_IMAGE}

ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY node_modules ./node_modules
COPY dist ./dist

USER node
EXPOSE 10100
ENTRYPOINT ["node", "/app/dist/cli/main.js", "serve", "--host", "0.0.0.0", "--port", "10100", "--enable-states"]
