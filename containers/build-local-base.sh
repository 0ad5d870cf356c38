#!/usr/bin/env bash
# Builds a Node base image from this machine's own node binary, for machines that cannot pull
# node:20-slim (no registry in reach). The image holds node, the shared libraries `ldd` lists
# for it, npm where node:20-slim has it, /tmp, and root and node users, nothing else (no shell);
# it is enough for the Dockerfile:
#   containers/build-local-base.sh            # prints the tag, e.g. grantproof-local-node:v20.20.2
#   docker build --build-arg BASE_IMAGE=grantproof-local-node:v20.20.2 -t grantproof-reference .
# An image already tagged is kept: the tag names the node version it was made from.
set -euo pipefail

node_bin="$(readlink -f "$(command -v node)")"
npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
tag="${1:-grantproof-local-node:$("$node_bin" --version)}"
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag"
  exit 0
fi

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules" "$root/etc" "$root/tmp" "$root/root" "$root/home/node"
chmod 1777 "$root/tmp"
cp "$node_bin" "$root/usr/local/bin/node"
cp -R "$npm_dir" "$root/usr/local/lib/node_modules/npm"
# Every library the binary loads, the dynamic loader included, at the path ldd gives.
for lib in $(ldd "$node_bin" | grep -o '/[^ ]*'); do
  cp --dereference --parents "$lib" "$root"
done
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:1000:1000::/home/node:/usr/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' >"$root/etc/group"
chown 1000:1000 "$root/home/node"

tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  --change 'CMD ["node"]' \
  - "$tag" >/dev/null
echo "$tag"
