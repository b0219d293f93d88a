# The Reglament worker image used by docker-compose.yml.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY bin ./bin
COPY tsconfig.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY test ./test
COPY migrations ./migrations
COPY schemas ./schemas
COPY calendars ./calendars
COPY regulations ./regulations
RUN npm ci && npm prune --omit=dev
USER node
CMD ["node", "bin/reglament.js", "start"]
