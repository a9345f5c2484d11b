# Turbota in one image: `node dist/apps/standalone/src/main.js` by default (the embedded
# database in /data), or the api and bot processes of compose.yaml with PostgreSQL.
# Not built or run on Turbota's CI machines (they have no container engine): CI checks that the
# commands here name files the build produces (tests/e2e/container-files.e2e.ts).

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY .swcrc ./
COPY apps apps
COPY libs libs
COPY tools tools
RUN npm run build

FROM node:22-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# What the processes read at run time besides dist/: the seeds and texts, the web pages.
COPY config config
COPY apps/bot/web apps/bot/web
COPY --from=build /app/dist dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# The liveness probe (no database): slim images have no curl, node has fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/standalone/src/main.js"]
