# syntax=docker/dockerfile:1
# One image, two roles: the API (default command) and the worker (docker-compose overrides the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src src
COPY migrations migrations
COPY bench bench
RUN npx nest build
# The web app (its own package in web/) is built after nest build, which empties dist/.
COPY web/package.json web/package-lock.json web/
RUN cd web && npm ci --no-audit --no-fund
COPY web web
COPY locales locales
RUN cd web && npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist dist
COPY locales locales
COPY bin bin
COPY scripts scripts
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
