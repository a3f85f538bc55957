# Build stage: compile and package the fat jar.
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY knowledge knowledge
COPY web web
RUN mvn -B -ntp -q package -DskipTests

# Runtime stage: a JRE, the jar, the knowledge and the web pages, run as a non-root user.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app careerbot
WORKDIR /app
COPY --from=build /src/target/careerbot.jar careerbot.jar
COPY --chown=careerbot knowledge knowledge
COPY web web
USER careerbot
ENV PORT=7070 KNOWLEDGE_DIR=/app/knowledge WEB_DIR=/app/web
EXPOSE 7070
# Mount your own career packs over /app/knowledge to replace the shipped ones; edits reload live.
VOLUME ["/app/knowledge"]
# The JRE image has bash but no curl or wget: ask /health over bash's /dev/tcp.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && grep -q "\"ok\"" <&3' || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "careerbot.jar"]
