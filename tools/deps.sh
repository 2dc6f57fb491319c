# tools/deps.sh — sourced by run.sh and test.sh: installs the Debian 12
# packages Topiary needs when they are missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later

TOPIARY_BUILD_DEPS="meson ninja-build pkg-config gcc gettext itstool shared-mime-info
  libglib2.0-dev libglib2.0-bin libsqlite3-dev libcmark-gfm-dev
  libcmark-gfm-extensions-dev libyaml-dev libjson-glib-dev libgdk-pixbuf-2.0-dev
  libgtk-4-dev libadwaita-1-dev libwebkitgtk-6.0-dev libgtksourceview-5-dev
  libenchant-2-dev zlib1g-dev libpng-dev nettle-dev desktop-file-utils appstream libxml2-utils python3"
# What the app uses at run time beyond its libraries: the spelling
# dictionaries (English, German, French) that enchant finds through hunspell.
TOPIARY_RUN_DEPS="hunspell-en-us hunspell-de-de hunspell-fr"
TOPIARY_TEST_DEPS="xvfb xauth dbus dbus-x11 at-spi2-core hugo imagemagick
  fonts-dejavu-core flatpak-builder bubblewrap xdotool
  xdg-desktop-portal fuse3 python3-gi"

topiary_missing_packages () {
  local missing="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  echo "$missing"
}

# topiary_install_deps PACKAGE... — installs what is missing, as root or
# through sudo; otherwise prints the exact command and fails.
topiary_install_deps () {
  local missing
  missing=$(topiary_missing_packages "$@")
  [ -z "$missing" ] && return 0
  echo "Installing missing packages:$missing"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "These Debian packages are missing. Install them with:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
      return 1
    fi
  fi
  $sudo apt-get update -q >/dev/null || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null || return 1
}
