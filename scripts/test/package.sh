#!/usr/bin/env bash
# The Debian package: builds it with cargo-deb, installs it with dpkg (plus apt-get -f install
# for its dependencies), validates the desktop entry and the AppStream data, runs the installed
# binary in a real X window, finds its man page, then removes the package. Needs root.
#
#   bash scripts/package-test.sh
set -euo pipefail
source "$(dirname "$0")/../lib/world.sh"
cd "$(dirname "$0")/../.."
id=io.github.gut_skin_viewer.GutSkinViewer
source scripts/lib/desktop.sh
work=$(mktemp -d)
XVFB_PID=""
cleanup() {
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
    dpkg -r gut-skin-viewer >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

cargo deb --version >/dev/null 2>&1 || cargo install cargo-deb --locked
cargo deb --output "$work/gut-skin-viewer.deb"
deb="$work/gut-skin-viewer.deb"
echo "== package: $(stat -c %s "$deb") bytes"
dpkg-deb --field "$deb" Package Version Installed-Size Depends Recommends
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $3, $6}'

# Minimal Debian images keep no manual pages (a path-exclude in /etc/dpkg/dpkg.cfg.d/); a
# later --path-include on the command line wins over it, for this package's page only.
echo "== install"
dpkg --path-include='/usr/share/man/man1/gut-skin-viewer*' -i "$deb" || true
apt-get -f install -y -qq >/dev/null
dpkg -s gut-skin-viewer | grep -q '^Status: install ok installed' || { echo "FAIL: not installed"; exit 1; }

echo "== desktop-file-validate"
desktop-file-validate "/usr/share/applications/$id.desktop"
echo "ok"
echo "== appstreamcli validate --no-net"
appstreamcli validate --no-net "/usr/share/metainfo/$id.metainfo.xml"

echo "== man -w"
man -w gut-skin-viewer
for f in /usr/share/bash-completion/completions/gut-skin-viewer \
         /usr/share/zsh/vendor-completions/_gut-skin-viewer \
         /usr/share/fish/vendor_completions.d/gut-skin-viewer.fish \
         /usr/share/icons/hicolor/{16x16,32x32,48x48,128x128,256x256,512x512}/apps/gut-skin-viewer.png; do
    [ -f "$f" ] || { echo "FAIL: missing $f"; exit 1; }
done

echo "== the installed binary in a real window"
start_xvfb "$work/xvfb.log"
code=0
XDG_DATA_HOME="$work/data" /usr/bin/gut-skin-viewer --screenshot "$work/shot.png" 2>"$work/err" || code=$?
[ "$code" -eq 0 ] && [ -s "$work/shot.png" ] || { echo "FAIL: exit $code"; cat "$work/err"; exit 1; }
[ -s "$work/err" ] && { echo "FAIL: stderr:"; cat "$work/err"; exit 1; }
echo "ok: $(identify -format '%wx%h' "$work/shot.png") screenshot, nothing on stderr"

echo "== remove"
dpkg -r gut-skin-viewer >/dev/null
[ ! -e /usr/bin/gut-skin-viewer ] || { echo "FAIL: the binary is still there"; exit 1; }
echo "PASS: the package builds, installs, validates, runs and removes"
