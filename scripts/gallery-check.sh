#!/bin/sh
# Opens the gallery in a real headless browser (Debian's chromium, installed when missing),
# screenshots it, and fails unless every image loaded.
# Usage: scripts/gallery-check.sh out/index.html
set -eu
page=$1
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "gallery-check: installing chromium (apt)"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  browser=$(command -v chromium)
fi
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=10000"
"$browser" $flags --window-size=1280,6000 --screenshot="$(dirname "$page")/gallery.png" "$url" 2>/dev/null
status=$("$browser" $flags --dump-dom "$url" 2>/dev/null | grep -o 'id="status">[^<]*' | sed 's/.*>//')
echo "gallery-check: $status (screenshot: $(dirname "$page")/gallery.png)"
case "$status" in
  ALL-IMAGES-LOADED*) exit 0 ;;
  *) exit 1 ;;
esac
