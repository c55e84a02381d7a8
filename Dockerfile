# syntax=docker/dockerfile:1
# stockgraph gateway. Build: docker build -t stockgraph .   Run: see README "Running in a container".

# 1. Dependencies, with the toolchain better-sqlite3 needs to compile its native addon.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 2. Runtime: no compiler, no dev dependencies, non-root.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production ENVIRONMENT=production PORT=4000 HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json feature_flags.json* ./
COPY schema ./schema
COPY resolvers ./resolvers
COPY src ./src
RUN mkdir -p /app/.stockgraph && chown -R node:node /app/.stockgraph
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
