#!/usr/bin/env bash
# A throwaway OpenLDAP server (slapd) on loopback for the LDAP directory tests.
#   scripts/ldap-server.sh start           install slapd and ldap-utils from Debian's packages if missing (needs root),
#                                          start it with test/ldap/fixtures/base.ldif loaded (again: no change)
#   scripts/ldap-server.sh url             print its URL (TENURE_TEST_LDAP_URL); StartTLS works on it
#   scripts/ldap-server.sh ldaps-url       print its ldaps:// URL (port + 100)
#   scripts/ldap-server.sh ca-file         print the path of the CA certificate (PEM) its TLS certificate is signed by
#   scripts/ldap-server.sh bind-dn         print the sync account's DN (a normal account, size limit 500)
#   scripts/ldap-server.sh bind-password   print the sync account's password
#   scripts/ldap-server.sh root-dn         print the root DN (no limits, no access control: for test set-up only)
#   scripts/ldap-server.sh root-password   print the root DN's password
#   scripts/ldap-server.sh pid             print the server's process id
#   scripts/ldap-server.sh stop            stop it and delete its data
# Its configuration is generated into /tmp (own slapd.conf, back_mdb, suffix dc=tenure,dc=test); the
# system's /etc/ldap configuration is neither used nor changed. TENURE_LDAP_PORT picks another port, so
# several servers can run side by side. Never put data you want to keep in it.
set -euo pipefail

PORT="${TENURE_LDAP_PORT:-38989}"
DATA="/tmp/tenure-ldap-$PORT"
URL="ldap://127.0.0.1:$PORT"
LDAPS_URL="ldaps://127.0.0.1:$((PORT + 100))"
SUFFIX="dc=tenure,dc=test"
ROOT_DN="cn=admin,$SUFFIX"
ROOT_PASSWORD="tenure-root-secret"
BIND_DN="cn=sync,ou=system,$SUFFIX"
BIND_PASSWORD="tenure-sync-secret"
LIMITED_DN="cn=limited,ou=system,$SUFFIX"
FIXTURE="$(cd "$(dirname "$0")/.." && pwd)/test/ldap/fixtures/base.ldif"

install_server() {
  if command -v slapd >/dev/null || [ -x /usr/sbin/slapd ]; then
    if command -v ldapsearch >/dev/null; then return 0; fi
  fi
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
    echo "slapd and ldap-utils are not installed and cannot be installed here (needs root and apt-get)." >&2
    exit 1
  fi
  echo "Installing slapd and ldap-utils from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq slapd ldap-utils >/dev/null
}

running() {
  [ -f "$DATA/slapd.pid" ] && kill -0 "$(cat "$DATA/slapd.pid")" 2>/dev/null
}

# A CA of its own and a certificate for 127.0.0.1 (only: not for localhost) signed by it, valid for a week.
write_certificates() {
  local tls="$DATA/tls"
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=tenure test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >"$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 7 \
    -extfile "$tls/server.ext" -out "$tls/server.pem" 2>/dev/null
}

write_config() {
  local schema=/etc/ldap/schema
  cat >"$DATA/slapd.conf" <<EOF
include $schema/core.schema
include $schema/cosine.schema
include $schema/inetorgperson.schema
include $schema/nis.schema

pidfile $DATA/slapd.pid
argsfile $DATA/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
loglevel none
TLSCACertificateFile $DATA/tls/ca.pem
TLSCertificateFile $DATA/tls/server.pem
TLSCertificateKeyFile $DATA/tls/server.key

database mdb
maxsize 268435456
suffix "$SUFFIX"
rootdn "$ROOT_DN"
rootpw $ROOT_PASSWORD
directory $DATA/db
index objectClass eq
index uid,cn,member,uniqueMember eq
dbnosync

# Unpaged searches stop at 500 entries; paged ones of the sync account may read everything.
sizelimit 500
limits dn.exact="$BIND_DN" size.soft=500 size.hard=500 size.prtotal=unlimited
limits dn.exact="$LIMITED_DN" size.soft=500 size.hard=500 size.prtotal=500

access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by dn.exact="$BIND_DN" read
  by dn.exact="$LIMITED_DN" read
  by * none
EOF
}

start() {
  install_server
  if running; then
    echo "slapd already running on $URL"
    return 0
  fi
  rm -rf "$DATA"
  mkdir -p "$DATA/db"
  write_certificates
  write_config
  /usr/sbin/slapadd -q -f "$DATA/slapd.conf" -l "$FIXTURE" >/dev/null
  /usr/sbin/slapd -f "$DATA/slapd.conf" -h "$URL/ $LDAPS_URL/"
  for _ in $(seq 1 100); do
    if ldapsearch -x -H "$URL" -D "$BIND_DN" -w "$BIND_PASSWORD" -b "$SUFFIX" -s base dn >/dev/null 2>&1; then
      echo "slapd $(/usr/sbin/slapd -VV 2>&1 | grep -o 'slapd [0-9.]*' | awk '{print $2}' | head -n 1) running on $URL and $LDAPS_URL"
      return 0
    fi
    sleep 0.1
  done
  echo "slapd did not answer on $URL" >&2
  exit 1
}

stop() {
  if running; then
    local pid
    pid="$(cat "$DATA/slapd.pid")"
    kill -CONT "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  ldaps-url) echo "$LDAPS_URL" ;;
  ca-file) echo "$DATA/tls/ca.pem" ;;
  bind-dn) echo "$BIND_DN" ;;
  bind-password) echo "$BIND_PASSWORD" ;;
  root-dn) echo "$ROOT_DN" ;;
  root-password) echo "$ROOT_PASSWORD" ;;
  pid) cat "$DATA/slapd.pid" ;;
  *) echo "usage: $0 start|stop|url|ldaps-url|ca-file|bind-dn|bind-password|root-dn|root-password|pid" >&2; exit 2 ;;
esac
