# syntax=docker/dockerfile:1
# stockgraph gateway. Build: docker build -t stockgraph .   Run: see README "Running in a container".

# 1. Build: all dependencies (the toolchain better-sqlite3 needs for its native addon, TypeScript),
#    compile to dist/, then drop the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json feature_flags.json ./
COPY schema ./schema
COPY resolvers ./resolvers
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# 2. Runtime: compiled JavaScript under plain Node (no TypeScript loader), no compiler, no dev
#    dependencies, non-root. The old-generation heap is bounded (the live heap is ~40 MiB; without a
#    bound V8 sizes it from the host's memory and lets garbage grow); override NODE_OPTIONS to resize.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production ENVIRONMENT=production PORT=4000 HOST=0.0.0.0 NODE_OPTIONS="--max-old-space-size=192"
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The `stockgraph` command (check-config, hash-key, sync, mcp, backtest): bin/stockgraph.js runs the
# compiled dist/src/cli/stockgraph-cli.js (there is no src/ here), on PATH as `stockgraph`.
COPY bin ./bin
RUN ln -s /app/bin/stockgraph.js /usr/local/bin/stockgraph \
  && mkdir -p /app/.stockgraph && chown -R node:node /app/.stockgraph
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
