# syntax=docker/dockerfile:1
#
# The standalone Parley server (docs/operations.md, "Docker"):
#
#   docker build -t parley-server .
#   docker run -d --name parley -p 7400:7400 -v parley-data:/data parley-server
#
# LAN discovery (mDNS) needs the host's network: multicast does not cross Docker's bridge, so use
# `--network host` (and no -p) for desktops to find the server by themselves; otherwise people type
# the address.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. The server's production dependencies, and nothing of the desktop app. better-sqlite3, argon2 and
#    sharp fetch prebuilt binaries for linux x64/arm64; the compilers are there for when none fits.
FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/db/package.json packages/db/
COPY apps/server/package.json apps/server/
COPY apps/desktop/package.json apps/desktop/
RUN npm ci --omit=dev --workspace apps/server --no-audit --no-fund

# 2. The bundle: our TypeScript and the workspace packages compiled into apps/server/dist (esbuild).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/db/package.json packages/db/
COPY apps/server/package.json apps/server/
COPY apps/desktop/package.json apps/desktop/
RUN npm ci --workspace apps/server --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY packages/shared packages/shared
COPY packages/db packages/db
COPY apps/server apps/server
RUN npm run build --workspace apps/server

# 3. What runs: node, the dependencies, the bundle and the bin; no sources, no compilers, not root.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PARLEY_DATA_DIR=/data \
    PARLEY_HOST=0.0.0.0 \
    PARLEY_PORT=7400
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY apps/server/package.json apps/server/
COPY apps/server/bin apps/server/bin
COPY --from=build /app/apps/server/dist apps/server/dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 7400
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "const tls=/^(1|true|yes|on)$/i.test(process.env.PARLEY_TLS||'')||!!process.env.PARLEY_TLS_CERT; require(tls?'https':'http').get({host:'127.0.0.1',port:process.env.PARLEY_PORT||7400,path:'/api/ready',rejectUnauthorized:false},(r)=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
# SIGTERM (docker stop) closes gracefully: requests in flight finish, clients reconnect later.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "apps/server/bin/parley-server.js"]
