#!/bin/sh
# Regenerates the PNG icons in assets/ from assets/icon.svg (needs rsvg-convert and ImageMagick's convert).
# The tray icons carry the unread count (1–9, then 9+), as Telegram Desktop's do.
set -e
cd "$(dirname "$0")/../assets"
rsvg-convert -w 512 -h 512 icon.svg -o icon.png
rsvg-convert -w 32 -h 32 icon.svg -o tray.png
rsvg-convert -w 32 -h 32 overlay-unread.svg -o overlay-unread.png
tmp=$(mktemp -d)
for size in 16 32 48 64 128 256; do rsvg-convert -w $size -h $size icon.svg -o "$tmp/$size.png"; done
convert "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" icon.ico
for n in 1 2 3 4 5 6 7 8 9 9+; do
  size=260; [ "$n" = "9+" ] && size=200
  name="tray-$n"; [ "$n" = "9+" ] && name="tray-9plus"
  sed -e 's#</svg>##' icon.svg > "$tmp/$name.svg"
  cat >> "$tmp/$name.svg" <<SVG
  <circle cx="356" cy="356" r="150" fill="#e53935" stroke="#ffffff" stroke-width="20"/>
  <text x="356" y="356" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="bold" font-size="$size" fill="#ffffff">$n</text>
</svg>
SVG
  rsvg-convert -w 32 -h 32 "$tmp/$name.svg" -o "$name.png"
done
rm -r "$tmp"
