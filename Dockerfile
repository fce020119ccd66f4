# syntax=docker/dockerfile:1
#
# The Anjian server image: one `anjian` binary on Debian bookworm-slim.
#
#   docker build -t anjian:0.1.0 .
#   docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/anjian:0.1.0 --push .
#
# Each platform's binary is built natively in a builder stage of that
# platform (under QEMU emulation when it is not the build host's). The build
# needs only the Rust toolchain and crates.io: the console (web/dist) is
# committed, so no Node is needed.
#
#   docker run --rm -p 8080:8080 -v anjian-data:/var/lib/anjian anjian:0.1.0
#
# runs the server on embedded storage (SQLite and files in /var/lib/anjian).
# Configuration is ANJIAN_* environment variables (see README.md); Kubernetes:
# charts/anjian.

ARG RUST_VERSION=1
ARG DEBIAN_SUITE=bookworm

FROM rust:${RUST_VERSION}-${DEBIAN_SUITE} AS builder
# Set by BuildKit: amd64, arm64, ... One target cache per platform.
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN --mount=type=cache,id=anjian-cargo-registry,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,id=anjian-cargo-git,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,id=anjian-target-${TARGETARCH},target=/src/target,sharing=locked \
    cargo build --release --locked --bin anjian \
    && install -D -m 0755 target/release/anjian /out/anjian

# Release builds may pin this base by digest (debian:bookworm-slim@sha256:...).
FROM debian:${DEBIAN_SUITE}-slim

ARG DEBIAN_SUITE
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="anjian" \
      org.opencontainers.image.description="Anjian: multi-tenant work-safety supervision platform (GraphQL API and web console)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="docker.io/library/debian:${DEBIAN_SUITE}-slim"

# CA certificates for S3 over HTTPS; curl for the HEALTHCHECK (and the Helm
# test pod). Versions are not pinned: Debian replaces a package version on
# its mirrors with each security update, so a pinned version stops building.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 anjian \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/anjian \
        --no-create-home --shell /usr/sbin/nologin anjian \
    && install -d -o 10001 -g 10001 -m 0750 /var/lib/anjian

COPY --from=builder /out/anjian /usr/local/bin/anjian

ENV ANJIAN_LISTEN=0.0.0.0:8080 \
    ANJIAN_DATA_DIR=/var/lib/anjian \
    ANJIAN_LOG_FORMAT=json

USER 10001:10001
WORKDIR /var/lib/anjian
VOLUME ["/var/lib/anjian", "/tmp"]
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]

# The server shuts down gracefully on SIGTERM.
STOPSIGNAL SIGTERM
ENTRYPOINT ["anjian"]
CMD ["serve"]
