# DropIt: multi-stage build with the same tools and commands as scripts/run.sh
# (crates.io and npm only), then a slim non-root runtime with the binary and the site.

FROM rust:1.95-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The tools, at the versions scripts/run.sh and scripts/test.sh install (scripts/tools.sh).
COPY scripts/tools.sh scripts/tools.sh
COPY package.json package-lock.json ./
RUN bash -euo pipefail -c '. scripts/tools.sh && ensure_build_tools'
COPY . .
# The WASM with the pinned nightly, the server with stable: build_site in scripts/tools.sh.
RUN bash -euo pipefail -c '. scripts/tools.sh && build_site'

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --create-home dropit
WORKDIR /app
# hash.txt sits next to the binary: it names the fingerprinted JS, WASM and CSS.
COPY --from=build /src/target/release/dropit /src/target/release/hash.txt /app/
COPY --from=build /src/target/site /app/site
RUN mkdir -p /app/data && chown dropit /app/data
USER dropit
ENV DATABASE_URL=sqlite:///app/data/dropit.db \
    DROPIT_LISTEN=0.0.0.0:3000 \
    LEPTOS_SITE_ROOT=/app/site \
    DROPIT_MEDIA_DIR=/app/data/media \
    DROPIT_LOG_FORMAT=json
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:3000/healthz || exit 1
ENTRYPOINT ["/app/dropit"]
CMD ["serve"]
