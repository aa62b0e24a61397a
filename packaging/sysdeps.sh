#!/bin/sh
# Install the Debian packages given as arguments when any is missing.
# Runs apt-get update first (a fresh machine has no package lists).
# Without root or apt it only reports what is missing.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "commanddesk: 缺少系统软件包（非 Debian 系统，请自行安装对应库）:$missing" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "commanddesk: 缺少系统软件包，请以 root 安装:$missing" >&2; exit 1; fi
fi
echo "commanddesk: 安装系统软件包:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing
