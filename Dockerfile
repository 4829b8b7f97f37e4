# syntax=docker/dockerfile:1

# Build stage: every dependency (dev included) and the compiled API.
# The `tests-cluster` compose service also runs the test suite in this stage.
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary fits the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# Production dependencies only, keeping the native better-sqlite3 build from above.
FROM build AS prod-deps
RUN npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web ./apps/web
# Writable by the unprivileged user, for the SQLite store when no EventStoreDB is configured.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
