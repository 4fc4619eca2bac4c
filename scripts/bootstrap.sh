#!/usr/bin/env bash
# Installs what benchreport needs on Debian or Ubuntu besides a Swift toolchain: the C library
# cmark-gfm (GitHub's Markdown) with its extensions. Safe to run again; installs only what is missing.
set -euo pipefail

packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config)

if ! command -v swift >/dev/null 2>&1; then
    echo "bootstrap: no Swift toolchain on PATH (Swift 6 is needed: https://www.swift.org/install)" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} > 0)); then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    echo "bootstrap: installing ${missing[*]}" >&2
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
