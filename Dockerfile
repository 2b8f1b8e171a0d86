# pbx-crm-bridge image. Needs only its base image and the npm registry (no Dockerfile frontend, no other downloads).
#   docker build -t pbx-crm-bridge .
#   docker run --env-file .env -p 127.0.0.1:8080:8080 --stop-timeout 30 pbx-crm-bridge
# or use deploy/compose.yaml (daemon + Redis with appendonly).
#
# Stopping: on SIGTERM the daemon drains jobs and connections for up to 20 s (STOP_DEADLINE_MS in
# src/daemon/stop-deadline.ts), longer than Docker's default 10 s grace: run it with `--stop-timeout 30`
# (compose.yaml sets stop_grace_period: 30s), or Docker SIGKILLs it mid-drain (jobs are then retried, not lost).
#
# Settings that differ in a container:
#   HTTP_HOST=0.0.0.0  set here: the API must listen on the container's interface; publish the port on loopback
#                      (-p 127.0.0.1:8080:8080) or on an interface only your CRM/monitoring reaches.
#   AGI_HOST=0.0.0.0   set here: with AGI_ENABLED=true FastAGI must bind the container's interface too; publish 4573
#                      only where the PBX reaches it (FastAGI has no authentication).
#   NODE_MAX_OLD_SPACE_MB  V8 heap limit in MB (default 256), read by the start command below.
#   NODE_MAX_SEMI_SPACE_MB V8 young-generation semi-space in MB (default 8; more trades memory for shorter tails with dozens of PBXs, README "Scale").
#   NODE_V8_POOL_SIZE      V8 background threads (default 1: GC helpers do not take the cores Redis and the event loop need; README "Scale").

# Build stage: compile TypeScript.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY build/copy-console-assets.mjs ./build/
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: only the compiled code and production dependencies, as the unprivileged `node` user.
FROM node:24-slim
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="pbx-crm-bridge" \
      org.opencontainers.image.description="Bridge an Asterisk/MikoPBX PBX (AMI) to a CRM: call records, call cards, click-to-call and responsible-person routing" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.documentation="README.md (Deployment)"
ENV NODE_ENV=production HTTP_HOST=0.0.0.0 HTTP_PORT=8080 AGI_HOST=0.0.0.0 NODE_MAX_OLD_SPACE_MB=256 NODE_MAX_SEMI_SPACE_MB=8 NODE_V8_POOL_SIZE=1
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node config ./config
USER node
EXPOSE 8080 4573
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# `exec` makes node PID 1, so it receives SIGTERM itself
CMD ["sh", "-c", "exec node --v8-pool-size=\"${NODE_V8_POOL_SIZE:-1}\" --max-semi-space-size=\"${NODE_MAX_SEMI_SPACE_MB:-8}\" --max-old-space-size=\"${NODE_MAX_OLD_SPACE_MB:-256}\" dist/main.js"]
