#!/usr/bin/env bash
# Installs and starts what the test suite needs where it is missing: Debian's Chromium for the
# browser tests and a PostgreSQL server with a `nextround` role. In CI a missing piece is fatal.
set -uo pipefail

say() { printf 'services: %s\n' "$*"; }
fail() {
  say "$*"
  if [ -n "${CI:-}" ]; then exit 1; fi
  say "(not in CI: the tests that need it will be skipped)"
}

if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# WeasyPrint (the brief's PDF) draws text with Pango and subsets fonts with HarfBuzz.
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0' || missing+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
# The voice tests speak known text to WAV files.
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$SUDO" = none ]; then
    fail "cannot install ${missing[*]}: run as root or install sudo"
  else
    say "installing ${missing[*]} from Debian"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null || fail "apt-get could not install ${missing[*]}"
  fi
fi

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    say "starting PostgreSQL $version"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
  done
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
if ! pg_up; then
  fail "PostgreSQL does not answer on 127.0.0.1:5432"
  exit 0
fi

# A role with a password works under both trust and password authentication.
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  elif [ "$SUDO" = sudo ]; then sudo -u postgres "$@"
  else return 1; fi
}
if ! PGPASSWORD=nextround psql -h 127.0.0.1 -U nextround -d postgres -tAc 'select 1' >/dev/null 2>&1; then
  say "creating the nextround database role"
  as_postgres psql -q -d postgres -c \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'nextround') THEN
       CREATE ROLE nextround LOGIN SUPERUSER PASSWORD 'nextround'; END IF; END \$\$;" >/dev/null \
    || fail "could not create the nextround role in PostgreSQL"
fi
if ! PGPASSWORD=nextround psql -h 127.0.0.1 -U nextround -d postgres -tAc 'select 1' >/dev/null 2>&1; then
  fail "cannot log in to PostgreSQL as nextround"
  exit 0
fi
say "ready (Chromium: $( [ -x /usr/bin/chromium ] && echo yes || echo no ), PostgreSQL: yes)"
