# Multi-stage: build with dev dependencies, run with production dependencies only, as a non-root user, on Node 24
# (an LTS line in support; CI runs the tests on it and on Node 20).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
# AWS upstream needs GATEWAY_AUTH (api-key, jwt, or an explicit none): the container refuses to start without it.
ENV NODE_ENV=production \
    GATEWAY_UPSTREAM=aws \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Source maps ship with dist/: stack traces in logs name the TypeScript lines.
# --heap-growing-percent=100: the old generation may grow to twice what the last full collection kept, not V8's
# adaptive up-to-4x; under load that is about 60 MB less peak RSS (167-171 against 230 MB) for no CPU per request
# the benchmark could tell apart (npm run bench; the README's "Running in production"). V8's default young generation: a
# 32 MB semi-space used less CPU but held 320-520 MB of peak RSS.
CMD ["node", "--enable-source-maps", "--heap-growing-percent=100", "dist/main.js"]
