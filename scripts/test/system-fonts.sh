#!/usr/bin/env bash
# Other scripts render as real glyphs, not boxes, from the system's fonts: the same article
# titled with two words of a script and then with the same two words swapped gives two
# different pictures, for Chinese, Japanese, Arabic, Devanagari and emoji where a font for them
# is installed. Drawn as missing-glyph boxes, the two titles would be the same boxes: the two
# words of each pair have the same number of characters, so even the space stays in place.
#
#   bash scripts/system-fonts-test.sh [BINARY]
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
source scripts/lib/desktop.sh
begin_test "${1:-}"

# shot NAME TITLE: the shipped article with TITLE, rendered once to NAME.png.
shot() {
    local dir="$work/$1"
    mkdir -p "$dir"
    cp content/gut-skin-axis/*.ron "$dir"/
    TITLE="$2" python3 - "$dir/article.ron" <<'PY'
import os, re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r'title: "[^"]*"', 'title: "%s"' % os.environ["TITLE"], s, count=1)
open(p, "w", encoding="utf-8").write(s)
PY
    "$bin" "$dir" --screenshot "$work/$1.png" 2>"$work/$1.err" \
        || { echo "FAIL: the $1 run failed"; cat "$work/$1.err"; exit 1; }
    # Looking for fonts is the window's business: a clean run prints nothing.
    if [ -s "$work/$1.err" ]; then echo "FAIL: the $1 run printed:"; cat "$work/$1.err"; exit 1; fi
}

# differ A B: how many pixels differ between A.png and B.png where the title is drawn (the
# top of the body column of the 1280×820 screenshot; the panel edges beside it can differ by a
# pixel column from one run to the next).
differ() {
    local box=480x200+280+60
    convert "$work/$1.png" -crop "$box" +repage "$work/crop-1.png"
    convert "$work/$2.png" -crop "$box" +repage "$work/crop-2.png"
    compare -metric AE "$work/crop-1.png" "$work/crop-2.png" /dev/null 2>&1 | cut -d' ' -f1 || true
}

failed=0
# The difference between two renders of the same article, which is not quite zero.
shot noise-a "Gut Skin"
shot noise-b "Gut Skin"
noise=$(differ noise-a noise-b)
echo "pixels differing between two renders of the same title: $noise"

# script, fontconfig language, a title, the same title with its words swapped

while IFS='|' read -r script fc a b; do
    if [ "$fc" != "-" ] && ! fc-list ":lang=$fc" 2>/dev/null | grep -q .; then
        echo "skip: no installed font for $script (fc-list :lang=$fc)"
        continue
    fi
    shot "$script-a" "$a"
    shot "$script-b" "$b"
    n=$(differ "$script-a" "$script-b")
    echo "$script: pixels differing between two titles: $n"
    if [ "${n:-0}" -lt $((noise + 200)) ]; then
        echo "FAIL: $script renders as the same boxes whatever the text"
        failed=1
    fi
done <<'LIST'
Latin|-|Gut Skin|Skin Gut
Chinese|zh-cn|肠道 皮肤|皮肤 肠道
Japanese|ja|腸と肌 微生物|微生物 腸と肌
Arabic|ar|الجلد توازن|توازن الجلد
Devanagari|hi|पाचन भोजन|भोजन पाचन
Emoji|und-zsye|🦠 🥦|🥦 🦠
LIST

[ "$failed" -eq 0 ] && echo "PASS: other scripts render as real glyphs from the system's fonts"
exit "$failed"
