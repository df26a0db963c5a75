#!/usr/bin/env bash
# Renders catdit's app icon from its vector sources into every file the packages need:
#   assets/icons/catdit-{16,32,48,64,128,256,512}.png   (Linux desktop entry, jpackage --icon, window icons)
#   assets/catdit.ico                                     (Windows: 16..256 in one file; jpackage --icon on Windows)
#   assets/catdit.icns                                    (macOS: 16..512 in one file; jpackage --icon on macOS)
#   src/main/resources/org/catdit/icons/catdit-{16..256}.png   (in the jar, for the app's window icons)
#   docs/images/icon-sizes.png                            (all sizes side by side, for docs/packaging.md)
# 16 and 32 px come from assets/catdit-icon-small.svg (the face without its fine detail, which would only
# blur at that size); 48 px and up from assets/catdit-icon.svg.
#
# The outputs are committed, so a build never needs these tools; run this only after changing an SVG.
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and icnsutils (png2icns); as root it
# installs them when missing. The same tool versions give byte-identical files (checked by running it twice).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
command -v icotool >/dev/null || need+=(icoutils)
command -v png2icns >/dev/null || need+=(icnsutils)
if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "make-icons: installing ${need[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "make-icons: missing tools; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi

full=assets/catdit-icon.svg
small=assets/catdit-icon-small.svg
out=assets/icons
mkdir -p "$out"

for size in 16 32 48 64 128 256 512; do
  src=$full
  ((size <= 32)) && src=$small
  rsvg-convert --width "$size" --height "$size" --format png "$src" --output "$out/catdit-$size.png"
done

# The same PNGs inside the jar, for the app's window icons (Stage.getIcons(): the title bar, the task
# switcher, and the panel when the jar runs without a desktop entry).
res=src/main/resources/org/catdit/icons
mkdir -p "$res"
for size in 16 32 48 64 128 256; do cp "$out/catdit-$size.png" "$res/"; done

# Windows: the small sizes as bitmaps, 256 px as an embedded PNG (the "Vista" form every Windows since reads).
icotool --create --output assets/catdit.ico \
  "$out/catdit-16.png" "$out/catdit-32.png" "$out/catdit-48.png" "$out/catdit-64.png" \
  "$out/catdit-128.png" --raw="$out/catdit-256.png"

# macOS: png2icns picks the icns type from each PNG's size (16, 32, 48, 128, 256, 512; it has no 64).
png2icns assets/catdit.icns \
  "$out/catdit-16.png" "$out/catdit-32.png" "$out/catdit-48.png" \
  "$out/catdit-128.png" "$out/catdit-256.png" "$out/catdit-512.png" >/dev/null



# The picture of all sizes in docs/packaging.md: each PNG at its own size on a light and a dark strip,
# then 32 and 16 px drawn 4x larger, to see what a title bar or a panel gets. The PNGs go in
# as data: URIs because librsvg loads no files from outside the SVG's own folder.
sheet=$(mktemp --suffix=.svg)
trap 'rm -f "$sheet"' EXIT
{
  echo '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="940" height="560">'
  echo '<rect width="940" height="280" fill="#F2F2F2"/><rect y="280" width="940" height="280" fill="#2B2B2B"/>'
  for y in 12 292; do
    x=12
    for size in 256 128 64 48 32 16; do
      echo "<image x=\"$x\" y=\"$((y + (256 - size) / 2))\" width=\"$size\" height=\"$size\" xlink:href=\"data:image/png;base64,$(base64 -w0 "$out/catdit-$size.png")\"/>"
      x=$((x + size + 24))
    done
    for size in 32 16; do
      echo "<image x=\"$x\" y=\"$((y + (256 - 4 * size) / 2))\" width=\"$((4 * size))\" height=\"$((4 * size))\" xlink:href=\"data:image/png;base64,$(base64 -w0 "$out/catdit-$size.png")\"/>"
      x=$((x + 4 * size + 24))
    done
  done
  echo '</svg>'
} >"$sheet"
mkdir -p docs/images
rsvg-convert --format png "$sheet" --output docs/images/icon-sizes.png
ls -l "$out" assets/catdit.ico assets/catdit.icns docs/images/icon-sizes.png
