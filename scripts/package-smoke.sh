#!/usr/bin/env bash
# Smoke test of catdit's Linux packages (not part of `mvn verify`): builds them with scripts/package.sh,
# then checks, headless (no DISPLAY):
#   1. the fat jar starts on double-click: manifest Main-Class, JavaFX classes and Linux natives, window icons;
#   2. the app image's launcher: `--version`, and two `node`s (the second joins the first through its
#      invite, which needs the bundled runtime's Ed25519 and UDP) that print status and leave cleanly on SIGTERM;
#   3. the .deb with dpkg-deb: control fields, launcher, jar, runtime, icon, desktop entry and its window class;
#   4. as root: installs it with dpkg -i (its dependencies first, through apt), runs /opt/catdit/bin/catdit
#      --version and a node, checks the menu entry, then removes it with dpkg -r and checks nothing is left.
# Usage: scripts/package-smoke.sh [--skip-package] [package.sh options...]
#   --skip-package   test the packages already in target/jpackage instead of building them
# Prints one line per check and ends with "package-smoke: N passed, M failed"; exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

build=true
package_args=()
for arg in "$@"; do
  case $arg in
    --skip-package) build=false ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) package_args+=("$arg") ;;
  esac
done

passed=0
failed=0
step_start=$SECONDS
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}
timing() { echo "time  $1: $((SECONDS - step_start)) s"; step_start=$SECONDS; }
finish() {
  echo "package-smoke: $passed passed, $failed failed (${SECONDS} s)"
  ((failed == 0))
  exit $?
}
headless() { env -u DISPLAY -u WAYLAND_DISPLAY "$@"; }

work=$(mktemp -d /tmp/catdit-smoke.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

if $build; then
  if ! scripts/package.sh "${package_args[@]}"; then bad "scripts/package.sh"; finish; fi
  timing "package.sh"
fi
image=target/jpackage/catdit
deb=$(ls target/jpackage/catdit_*_amd64.deb 2>/dev/null | head -1)
[[ -x $image/bin/catdit && -f $deb ]] || { bad "packages exist (run without --skip-package)"; finish; }
pom_version=$(unzip -p target/catdit.jar META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')
app_version=${pom_version%%-*}

# --- 1. the fat jar --------------------------------------------------------------------------------
unzip -p target/catdit.jar META-INF/MANIFEST.MF | tr -d '\r' >"$work/manifest"
unzip -l target/catdit.jar >"$work/jar.list"
check "jar manifest names Main-Class org.catdit.app.Main" grep -qx 'Main-Class: org.catdit.app.Main' "$work/manifest"
check "jar holds JavaFX (javafx/application/Application.class)" grep -q ' javafx/application/Application.class$' "$work/jar.list"
check "jar holds the window icons (org/catdit/icons/catdit-{16..256}.png)" bash -c \
  'for size in 16 32 48 64 128 256; do grep -q " org/catdit/icons/catdit-$size.png$" "$1" || exit 1; done' _ "$work/jar.list"
check "jar holds JavaFX's Linux natives (libglassgtk3.so, libprism_es2.so)" \
  bash -c 'grep -q " libglassgtk3.so$" "$1" && grep -q " libprism_es2.so$" "$1"' _ "$work/jar.list"

# --- 2. the app image's launcher -------------------------------------------------------------------
# run_node NAME LAUNCHER ARGS...: starts a node in the background, output in $work/NAME.out
run_node() {
  local name=$1 launcher=$2; shift 2
  # env, not the headless function: $! must be the launcher itself, which SIGTERM is meant for.
  env -u DISPLAY -u WAYLAND_DISPLAY "$launcher" node --bind 127.0.0.1 --port 0 --data "$work/$name" --status-seconds 1 "$@" \
    >"$work/$name.out" 2>&1 &
  pids+=($!)
  eval "${name}_pid=$!"
}
# wait_for FILE PATTERN SECONDS
wait_for() {
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}
# stop_node NAME: SIGTERM, then the exit status (0, or 143 when the JVM reports the signal) and the goodbye
stop_node() {
  local pid_var=${1}_pid
  local pid=${!pid_var}
  kill -TERM "$pid"
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  wait "$pid"
  local status=$?
  if [[ $status == 0 || $status == 143 ]] && grep -q '^left the overlay' "$work/$1.out"; then
    ok "$1 leaves the overlay on SIGTERM (exit $status)"
  else
    bad "$1 leaves the overlay on SIGTERM (exit $status)"; sed 's/^/      /' "$work/$1.out"
  fi
}
# smoke_nodes LAUNCHER LABEL: two peers, the second joining the first through its invite
smoke_nodes() {
  local launcher=$1 label=$2
  run_node "${label}_a" "$launcher"
  if wait_for "$work/${label}_a.out" '^invite: ' 30; then
    ok "$label: node prints its invite: $(grep -m1 '^invite: ' "$work/${label}_a.out")"
    local invite
    invite=$(sed -n 's/^invite: //p' "$work/${label}_a.out" | head -1)
    run_node "${label}_b" "$launcher" --invite "$invite"
    if wait_for "$work/${label}_b.out" '^joined through ' 30 && wait_for "$work/${label}_b.out" '^peer .* sessions=1' 15; then
      ok "$label: second node joins through the invite: $(grep -m1 '^peer ' "$work/${label}_b.out")"
    else
      bad "$label: second node joins through the invite"; sed 's/^/      /' "$work/${label}_b.out"
    fi
    stop_node "${label}_b"
  else
    bad "$label: node prints its invite"; sed 's/^/      /' "$work/${label}_a.out"
  fi
  stop_node "${label}_a"
}

version_out=$(headless "$image/bin/catdit" --version 2>&1)
check "app image: bin/catdit --version prints 'catdit $pom_version' ($version_out)" test "$version_out" = "catdit $pom_version"
smoke_nodes "$image/bin/catdit" image
timing "app image"

# --- 3. the .deb's contents ------------------------------------------------------------------------
dpkg-deb -I "$deb" >"$work/deb.info"
dpkg-deb -c "$deb" >"$work/deb.list"
check "deb: Package catdit, Version $app_version-1" \
  bash -c 'grep -q "^ Package: catdit$" "$1" && grep -q "^ Version: $2-1$" "$1"' _ "$work/deb.info" "$app_version"
check "deb: Depends names GTK 3 (JavaFX's glass)" grep -q '^ Depends: .*libgtk-3-0' "$work/deb.info"
check "deb: executable launcher /opt/catdit/bin/catdit" grep -q '^-rwxr-xr-x .* \./opt/catdit/bin/catdit$' "$work/deb.list"
check "deb: /opt/catdit/lib/app/catdit.jar and its runtime" \
  bash -c 'grep -q "\./opt/catdit/lib/app/catdit.jar$" "$1" && grep -q "\./opt/catdit/lib/runtime/lib/server/libjvm.so$" "$1"' _ "$work/deb.list"
mkdir -p "$work/deb"
dpkg-deb -x "$deb" "$work/deb"
check "deb: icon /opt/catdit/lib/catdit.png is assets/icons/catdit-512.png" cmp -s "$work/deb/opt/catdit/lib/catdit.png" assets/icons/catdit-512.png
desktop=$work/deb/opt/catdit/lib/catdit-catdit.desktop
check "deb: desktop entry with Exec, Icon and Categories" bash -c \
  'grep -qx "Exec=/opt/catdit/bin/catdit" "$1" && grep -qx "Icon=/opt/catdit/lib/catdit.png" "$1" && grep -qx "Categories=Network;P2P;Graphics;Viewer;" "$1"' _ "$desktop"
# JavaFX's windows carry the X11 class of the Application subclass; the entry must name that one or none.
wm_class=$(sed -n 's/^StartupWMClass=//p' "$desktop")
if [[ -n $wm_class ]]; then
  check "deb: StartupWMClass $wm_class is a javafx.application.Application in the jar" bash -c \
    'javap -cp target/catdit.jar "$1" | grep -q "extends javafx.application.Application"' _ "$wm_class"
else
  check "deb: no StartupWMClass, and no javafx.application.Application subclass in the jar" bash -c \
    '! unzip -Z1 target/catdit.jar "org/catdit/*" | sed -n "s/\.class$//p" | tr / . |
       xargs javap -cp target/catdit.jar 2>/dev/null | grep -q "extends javafx.application.Application"'
fi
if command -v desktop-file-validate >/dev/null; then
  check "deb: desktop-file-validate accepts the desktop entry" desktop-file-validate "$desktop"
fi
timing "deb contents"

# --- 4. install, run, remove -----------------------------------------------------------------------
if [[ $(id -u) -ne 0 ]]; then
  echo "skip  install with dpkg -i: needs root"
  finish
fi
status=$(dpkg-query -W -f='${db:Status-Status}' catdit 2>/dev/null)
if [[ -n $status && $status != not-installed && $status != config-files ]]; then
  bad "catdit is installed on this machine ($status): not touching it (dpkg -r catdit first)"
  finish
fi
depends=$(dpkg-deb -f "$deb" Depends)
# dpkg -i installs no dependencies: bring in what the .deb's Depends asks for first (a no-op when present).
if ! DEBIAN_FRONTEND=noninteractive apt-get satisfy -y -qq "$depends" >"$work/apt.log" 2>&1; then
  apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get satisfy -y -qq "$depends" >"$work/apt.log" 2>&1 ||
    { bad "apt-get satisfy the .deb's Depends"; tail -5 "$work/apt.log"; finish; }
fi
timing "dependencies"
check "dpkg -i $deb" dpkg -i "$deb"
installed_version=$(headless /opt/catdit/bin/catdit --version 2>&1)
check "installed: /opt/catdit/bin/catdit --version prints 'catdit $pom_version'" test "$installed_version" = "catdit $pom_version"
check "installed: menu entry /usr/share/applications/catdit.desktop" test -f /usr/share/applications/catdit.desktop
smoke_nodes /opt/catdit/bin/catdit installed
check "dpkg -r catdit" dpkg -r catdit
dpkg --purge catdit >/dev/null 2>&1 # jpackage's .deb has no conffiles: purge only forgets the package
check "removed: /opt/catdit and the menu entry are gone" \
  bash -c '! test -e /opt/catdit/bin/catdit && ! test -e /usr/share/applications/catdit.desktop'
timing "install, run, remove"
finish
