#!/bin/sh
# Install the Debian packages given as arguments when any is missing (quietly; the apt
# output goes to a log that is shown only if the installation fails).
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
log=$(mktemp "${TMPDIR:-/tmp}/commanddesk-apt.XXXXXX")
# shellcheck disable=SC2086  # $missing is a list of package names
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "commanddesk: 系统软件包安装失败（完整输出：$log）:$missing" >&2
    exit 1
fi
rm -f "$log"
still=""
for p in $missing; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || still="$still $p"
done
if [ -n "$still" ]; then
    echo "commanddesk: 以下软件包仍未安装:$still" >&2
    exit 1
fi
