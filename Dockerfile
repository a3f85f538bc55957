# syntax=docker/dockerfile:1.7
# Build stage: the Maven wrapper builds the runnable jar. Maven's repository lives in a BuildKit cache
# mount, so a source change re-downloads nothing; no network is needed once the cache is warm.
FROM eclipse-temurin:17.0.16_8-jdk-noble AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q dependency:resolve dependency:resolve-plugins
COPY src src
COPY knowledge knowledge
COPY web web
# The archive the build makes would belong to this stage's JDK and path: the runtime stage makes its own.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q -o package -DskipTests -Dcareerbot.prepare.skip=true

# Runtime stage: a JRE, the jar, the knowledge and the web pages, run as a non-root user.
FROM eclipse-temurin:17.0.16_8-jre-noble
RUN useradd --system --uid 10001 --home-dir /app careerbot
WORKDIR /app
COPY --from=build /src/target/careerbot.jar careerbot.jar
COPY --chown=careerbot knowledge knowledge
COPY web web
# One start at build time (java -jar careerbot.jar prepare, which stops once ready) leaves two things that
# make every container start quicker: a class-data-sharing archive of the classes the bot loads (mapped
# instead of loaded and verified again: about a second less to ready on two cores), and, in /app/data, the
# example questions' vectors and the trained intent model for the shipped packs (trained again only if a
# mounted pack differs).
RUN DATA_DIR=/app/data KNOWLEDGE_DIR=/app/knowledge WEB_DIR=/app/web LOG_LEVEL=warn \
      java -XX:ArchiveClassesAtExit=/app/careerbot.jsa -Xlog:cds*=off -jar careerbot.jar prepare \
  && test -s /app/careerbot.jsa && rm -f /app/data/careerbot.db
# The editors' store (SQLite) lives in /app/data: mount a named volume there to keep it across containers,
# or set DATABASE_URL to a PostgreSQL shared by several containers.
RUN mkdir -p /app/data && chown -R careerbot /app/data
USER careerbot
# In a container the bot listens on every interface (java -jar alone listens on 127.0.0.1 only).
ENV HOST=0.0.0.0 PORT=7070 KNOWLEDGE_DIR=/app/knowledge WEB_DIR=/app/web DATA_DIR=/app/data LOG_FORMAT=json
EXPOSE 7070
# Career packs: bind-mount your own folder over /app/knowledge (docker run -v ./knowledge:/app/knowledge:ro);
# edits reload live. No VOLUME is declared, so no anonymous volume hides the shipped packs.
# The JRE image has bash but no curl or wget: ask /health over bash's /dev/tcp.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && grep -q "\"ok\"" <&3' || exit 1
# The archive must match this JVM and jar exactly; if it does not, the JVM quietly starts without it.
# A 512 MB heap (docs/performance.md): a quarter of it, 128 MB, is the memory budget for what the bot
# remembers between questions (MEMORY_MB), the sentence model and the engine take about 100 MB more.
ENTRYPOINT ["java", "-Xmx512m", "-XX:SharedArchiveFile=/app/careerbot.jsa", "-jar", "careerbot.jar"]
