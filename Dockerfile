# Laget as a container: `laget serve` on port 3978, as an unprivileged user.
#
#   docker build -t laget .
#   docker run --env-file deploy/laget.env -p 3978:3978 laget
#
# No secret is baked in: MicrosoftAppId, MicrosoftAppPassword, LAGET_DATABASE_URL and the rest
# come from the environment at run time (an env file, compose, or App Service settings with
# Key Vault references). See deploy/README.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Every dependency ships wheels for linux/amd64 and arm64 on CPython 3.11 (asyncpg, numpy,
# scipy, scikit-learn, rapidfuzz), so no compiler is installed.
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY dialogs ./dialogs
COPY cards ./cards
RUN pip install . && rm -rf /src

# The question recogniser's model, fitted at build time: serving then reads it and never
# imports scikit-learn or SciPy (about 100 MiB less per process, a second faster start).
ENV LAGET_MODEL_DIR=/app/model
RUN mkdir -p /app/model && cd /app && laget model build

# A fixed, unprivileged uid; ./var (the SQLite default, when no LAGET_DATABASE_URL is given) is
# the only place the app writes.
RUN groupadd --system --gid 10001 laget \
    && useradd --system --uid 10001 --gid laget --home-dir /app --shell /usr/sbin/nologin laget \
    && mkdir -p /app/var \
    && chown -R laget:laget /app
WORKDIR /app
USER 10001:10001

EXPOSE 3978

# /healthz answers 200 only while the database answers; urllib raises (exit 1) otherwise.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3978/healthz', timeout=4)"]

# `serve` applies the migrations first. It refuses 0.0.0.0 unless MicrosoftAppId is set.
CMD ["laget", "serve", "--host", "0.0.0.0", "--port", "3978"]
