# syntax=docker/dockerfile:1
# Nomir: the release binary and the site on a slim image, run as a user of
# its own. Build: docker build -t nomir .   (about 30 minutes the first time:
# cargo-leptos is compiled once). See README, "Operations".

FROM rust:1.95-bookworm AS build
# npm brings binaryen's wasm-opt (Debian's is too old; scripts/setup.sh).
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN bash -c '. scripts/setup.sh && cargo leptos build --release' \
 && strip target/release/nomir

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin nomir
WORKDIR /app
# The binary reads the site's layout from Cargo.toml (as cargo-leptos
# wrote it) and the hashed front-end names from hash.txt beside it.
COPY --from=build /src/Cargo.toml /app/Cargo.toml
COPY --from=build /src/target/release/nomir /src/target/release/hash.txt /app/target/release/
COPY --from=build /src/target/site /app/target/site
RUN chown -R nomir /app/target/site
USER nomir
ENV NOMIR_ADDR=0.0.0.0:8080 \
    NOMIR_METRICS_ADDR=0.0.0.0:9100 \
    RUST_LOG=info,sqlx=warn
EXPOSE 8080 9100
# bash, not sh (dash): only bash opens /dev/tcp.
HEALTHCHECK --interval=10s --timeout=3s CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '200 OK' <&3"]
ENTRYPOINT ["/app/target/release/nomir"]
CMD ["serve"]
