#!/usr/bin/env bash
# Turns the tarball of `fyne package -os linux` into Hankekirja's Linux
# package: fyne's tree (the binary, the .desktop file, one icon) laid out
# as a prefix (bin/, share/), plus the icon in every size of the hicolor
# theme, the MIME type of .hankekirja files and install.sh.
#
#   package.sh FYNE_TARBALL SVG_ICON OUT_DIR OUT_TARBALL
set -euo pipefail
tarball=$1 svg=$2 out=$3 result=$4
here=$(cd "$(dirname "$0")" && pwd)
id=fi.hankekirja.desktop

rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work"
# fyne package puts its tree under usr/local when the building machine has
# /usr/local, else under usr.
tree=$work/hankekirja/usr/local
[ -d "$tree" ] || tree=$work/hankekirja/usr
cp -a "$tree/bin" "$tree/share" "$out/"
# Its icon goes to share/pixmaps, which no desktop reads under ~/.local;
# the hicolor theme below replaces it.
rm -rf "$out/share/pixmaps"

for s in 16 24 32 48 64 128 256 512; do
  mkdir -p "$out/share/icons/hicolor/${s}x${s}/apps"
  rsvg-convert -w "$s" -h "$s" "$svg" -o "$out/share/icons/hicolor/${s}x${s}/apps/$id.png"
done
install -Dm644 "$svg" "$out/share/icons/hicolor/scalable/apps/$id.svg"
install -Dm644 "$here/$id.xml" "$out/share/mime/packages/$id.xml"
install -m755 "$here/install.sh" "$out/install.sh"

# Translations of the menu entry, which fyne's template has no place for.
desktop=$out/share/applications/$id.desktop
sed -i '/^$/d' "$desktop"
cat >>"$desktop" <<'ENTRY'
GenericName[fi]=Hankkeiden tiedot
GenericName[sv]=Projektuppgifter
Comment[fi]=Sote-hankkeiden, työryhmien ja kokousten tiedot
Comment[sv]=Uppgifter om vårdreformens projekt, arbetsgrupper och möten
ENTRY

tar -cJf "$result" -C "$(dirname "$out")" "$(basename "$out")"
