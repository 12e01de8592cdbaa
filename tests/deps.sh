#!/bin/sh
# deps.sh PKG... [TOOL:PKG...]: makes sure the named Debian packages are
# installed. A plain name is a package checked with dpkg; TOOL:PKG is a
# command that may come from elsewhere, installed from PKG when missing.
# As root, missing packages are installed with apt-get; otherwise the one
# apt-get line is printed and the make stops.
set -u
missing=""
for spec in "$@"; do
	case "$spec" in
	*:*)	tool=${spec%%:*}; pkg=${spec#*:}
		command -v "$tool" >/dev/null 2>&1 || missing="$missing $pkg" ;;
	*)	st=$(dpkg-query -W -f='${Status}' "$spec" 2>/dev/null)
		case "$st" in
		*" installed") ;;
		*) missing="$missing $spec" ;;
		esac ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "keikaku needs these Debian packages. Run, as root:"
	echo "  apt-get install -y$missing"
	exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# The package lists of a fresh machine may be empty or stale.
apt-get update -q >/dev/null || exit 1
apt-get install -y -q --no-install-recommends $missing || exit 1
