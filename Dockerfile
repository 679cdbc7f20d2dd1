# syntax=docker/dockerfile:1

# One image for every process of the platform. The apps are thin shells over the same libs,
# so an image per app would repeat the same layers six times. The entrypoint is `node`
# and the command names the app to run:
#
#   gateway (default)   dist/apps/gateway/src/main.js
#   a service           dist/apps/<policy|dsr|vault|access-review|retention>-service/src/main.js
#   the CLI (CronJobs)  dist/apps/cli/src/main.js <command> [options]
#   all in one          dist/apps/standalone/src/main.js
#
# docker-compose.yml sets `command:` and k8s/ sets `args:` per app. There is no HEALTHCHECK
# here: the port to probe differs per app (PORT for the gateway, HEALTH_PORT for a
# service), so Compose and Kubernetes declare their own checks.

# The Node line the test suite runs on; raise it here and in package.json together.
ARG NODE_VERSION=20

# --- deps: every dependency, dev ones included, because the build needs swc ----------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app

COPY package.json package-lock.json ./
# The build runs swc only, which needs no install script (its binary is a platform
# package); skipping scripts also keeps telemetry hooks of dependencies from running.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# --- build: compile apps and libs once ------------------------------------------------------
FROM deps AS build

COPY .swcrc tsconfig.base.json ./
COPY libs ./libs
COPY apps ./apps
RUN npm run build

# --- prod-deps: runtime dependencies only -------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /app

COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime ------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime

# A fixed numeric uid, so Kubernetes can check runAsNonRoot without a name lookup. The data
# folder holds the all-in-one process's embedded database, and below it the DSR exports and
# local retention archives; in compose and Kubernetes those two are volumes of their own.
# The other services and the gateway get DATABASE_URL and write nowhere.
RUN groupadd --system --gid 10001 compliance \
    && useradd --system --uid 10001 --gid 10001 --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin compliance \
    && mkdir -p /var/lib/compliance \
    && chown 10001:10001 /var/lib/compliance

WORKDIR /app

# Code and dependencies stay owned by root: the process can read them, not change them.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./

# Containers listen on every interface; the code's default (127.0.0.1) suits a laptop.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/compliance

# 3000: the gateway's HTTP port (PORT). 9090: /health and /metrics of a service (HEALTH_PORT).
EXPOSE 3000 9090

USER 10001:10001

# Node runs as PID 1 and the apps handle SIGTERM themselves (drain, then exit), so no init
# process is needed. Source maps make stack traces point at the TypeScript sources.
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["dist/apps/gateway/src/main.js"]
