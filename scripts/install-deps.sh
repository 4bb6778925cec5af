#!/usr/bin/env bash
# Installs what building and testing aurora-data needs on a Debian 12 machine with the Swift toolchain:
# PostgreSQL and MariaDB servers (the local endpoint starts throwaway ones), their client libraries
# (libpq, libmariadb), gdb (stacks of a hung test run), openssl and the system trust store (the TLS checks of the
# static binaries), zsh and fish (the completion checks of scripts/check-install.sh) and the Python clients used
# for wire-compatibility tests (awscli, boto3, pytest, moto's server as the STS emulator). hyperfine is only for scripts/bench-exec.sh: not here.
# Idempotent and quick when everything is present. Needs root (or sudo) for apt-get.
set -euo pipefail

apt_packages=(postgresql libpq-dev mariadb-server libmariadb-dev pkg-config gdb zip unzip file binutils openssl
    ca-certificates zsh fish)
missing=()
for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    # Keep the packages' own services from starting: tests start their own servers on free ports.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
        $sudo_cmd chmod +x /usr/sbin/policy-rc.d
    fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python_modules=(boto3 botocore pytest awscli)
need_pip=()
for m in "${python_modules[@]}"; do
    python3 -c "import $m" 2>/dev/null || need_pip+=("$m")
done
if [ ${#need_pip[@]} -gt 0 ]; then
    echo "install-deps: pip installing ${need_pip[*]}" >&2
    python3 -m pip install -q "${need_pip[@]}"
fi
# moto's server is the STS emulator of the credential tests (AssumeRole, AssumeRoleWithWebIdentity on loopback).
python3 -c "import moto.server, flask, flask_cors" 2>/dev/null || {
    echo "install-deps: pip installing moto[server]" >&2
    python3 -m pip install -q 'moto[server]'
}
command -v aws >/dev/null || { echo "install-deps: the aws CLI is not on PATH after installing awscli" >&2; exit 1; }
