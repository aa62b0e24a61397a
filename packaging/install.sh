#!/bin/sh
# Put an unpacked commanddesk bundle on this machine's menu and PATH; the folder stays where it is.
#   ./install.sh            as root: /usr/local/{bin,share}; otherwise ~/.local/{bin,share}
#   ./install.sh --remove   undo
set -e
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
bin="$prefix/bin/commanddesk"
entry="$prefix/share/applications/commanddesk.desktop"
icon="$prefix/share/icons/hicolor/256x256/apps/commanddesk.png"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$bin" "$entry" "$icon"
    echo "commanddesk: 已移除 / removed ($bin, $entry, $icon)"
    exit 0
fi
mkdir -p "$(dirname "$bin")" "$(dirname "$entry")" "$(dirname "$icon")"
ln -sf "$here/commanddesk" "$bin"
cp "$here/commanddesk.png" "$icon"
sed "s|^Exec=.*|Exec=\"$here/commanddesk\"|" "$here/commanddesk.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$(dirname "$entry")" || true
echo "commanddesk: 已安装 / installed — 命令 / command: $bin; 菜单 / menu entry: $entry"
"$here/commanddesk" --version
