#!/bin/sh
# Installs Hankekirja for the current user: the binary in ~/.local/bin, the
# menu entry, the icons and the MIME type of .hankekirja files under
# ~/.local/share, then refreshes the desktop's caches where their tools
# exist. PREFIX=DIR installs elsewhere; --uninstall removes what it put.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
id=fi.hankekirja.desktop

files() {
  (cd "$here" && find bin share -type f)
}

if [ "${1:-}" = --uninstall ]; then
  files | while read -r f; do rm -f "$prefix/$f"; done
else
  files | while read -r f; do
    mode=644
    case $f in bin/*) mode=755 ;; esac
    install -Dm$mode "$here/$f" "$prefix/$f"
  done
  # The menu starts the binary by its full path: ~/.local/bin is not on
  # every desktop session's PATH.
  sed -i "s|^Exec=hankekirja|Exec=$prefix/bin/hankekirja|" "$prefix/share/applications/$id.desktop"
fi

if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database "$prefix/share/mime"
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$prefix/share/applications"
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t -f "$prefix/share/icons/hicolor" || true
fi
if [ "${1:-}" = --uninstall ]; then
  echo "Hankekirja removed from $prefix"
else
  echo "Hankekirja installed: $prefix/bin/hankekirja, and in the application menu"
fi
