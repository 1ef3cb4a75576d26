#!/usr/bin/env bash
# Installs what lrplot needs to build and render on Debian/Ubuntu, only when something is missing:
# Cairo's headers (libcairo2-dev, with pkg-config), libpng's and FreeType's (libpng-dev, libfreetype-dev), the DejaVu fonts the charts use and the fallback
# fonts for CJK and emoji.
# Uses sudo only when not root. Prints nothing when everything is present.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists cairo 2>/dev/null; then missing+=(libcairo2-dev); fi
# libpng and FreeType headers: lrplot encodes PNGs with libpng and loads DejaVu with FreeType.
if ! pkg-config --exists libpng 2>/dev/null; then missing+=(libpng-dev); fi
if ! pkg-config --exists freetype2 2>/dev/null; then missing+=(libfreetype-dev); fi
if ! { [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || fc-list 2>/dev/null | grep -q 'DejaVu Sans'; }; then
    missing+=(fonts-dejavu-core)
fi
# Fallback fonts for the glyphs DejaVu lacks: CJK (WenQuanYi Micro Hei) and emoji (Noto Color Emoji).
fc-list 2>/dev/null | grep -q 'WenQuanYi Micro Hei' || missing+=(fonts-wqy-microhei)
fc-list 2>/dev/null | grep -q 'Noto Color Emoji' || missing+=(fonts-noto-color-emoji)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "lrplot: installing ${missing[*]} (apt-get)" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "lrplot: apt-get not found; please install: ${missing[*]} (Cairo, libpng and FreeType development files, pkg-config, DejaVu, WenQuanYi Micro Hei and Noto Color Emoji fonts)" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
