#!/bin/sh
# Writes out/index.html: every schedule in schedules/ as its SVG, with the command line that drew it.
# Usage: scripts/gallery.sh OUT.html SPEC...   (the SVGs are expected beside OUT.html, as make renders them)
set -eu
out=$1; shift
escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }
{
  cat <<'HTML'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lrplot gallery</title>
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 24px; background: #f6f6f6; color: #222; }
h1 { font-size: 20px; } figure { background: #fff; margin: 0 0 24px; padding: 12px; border: 1px solid #ddd; }
figcaption { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; white-space: pre-wrap; margin-top: 8px; color: #444; }
img { max-width: 100%; height: auto; display: block; } #status { font-size: 12px; color: #666; }
</style></head><body>
<h1>lrplot gallery: every schedule in schedules/</h1>
HTML
  for spec in "$@"; do
    name=$(basename "$spec" .sched)
    comment=$(grep '^#' "$spec" | sed 's/^# *//' | escape)
    command=$(grep -v '^#' "$spec" | sed '/^[[:space:]]*$/d' | tr '\n' ' ' | sed 's/  */ /g' | escape)
    printf '<figure id="%s"><img src="%s.svg" alt="%s"><figcaption><b>%s</b> — %s\nlrplot %s-o %s.svg</figcaption></figure>\n' \
      "$name" "$name" "$name" "$name" "$comment" "$command" "$name"
  done
  cat <<'HTML'
<div id="status">checking images…</div>
<script>
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  document.getElementById("status").textContent =
    (loaded === images.length ? "ALL-IMAGES-LOADED " : "SOME-IMAGES-MISSING ") + loaded + "/" + images.length;
});
</script>
</body></html>
HTML
} > "$out"
echo "wrote $out ($# schedules)"
