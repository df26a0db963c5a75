#!/usr/bin/env bash
# Builds catdit's desktop packages on Linux with jpackage:
#   target/jpackage/catdit/                   the app image (launcher bin/catdit, its own Java runtime)
#   target/jpackage/catdit_VERSION-1_amd64.deb   installs the app image under /opt/catdit, with a menu entry
# Configuration: packaging/jpackage/*.args and packaging/linux/ (desktop entry template, postinst, prerm);
# the Windows .msi and macOS .dmg commands are in packaging/README.md (jpackage cannot cross-build).
#
# Usage: scripts/package.sh [--skip-build] [--skip-module-check]
#   --skip-build          reuse target/catdit.jar instead of running `mvn package -DskipTests`
#   --skip-module-check   do not run jdeps to check that app.args --add-modules covers the jar (a minute on
#                         a busy 2-core machine)
# Environment: CATDIT_MVN_ARGS (default "-B -q"; e.g. "-B -q -o" to build offline);
#   DPKG_DEB_COMPRESSOR_LEVEL (read by dpkg-deb; 0 makes the .deb step ~3x faster and the .deb ~10% larger).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0

skip_build=false
check_modules=true
for arg in "$@"; do
  case $arg in
    --skip-build) skip_build=true ;;
    --skip-module-check) check_modules=false ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

say() { echo "package: $*" >&2; }

# --- tools ---------------------------------------------------------------------------------------
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jpackage=$JAVA_HOME/bin/jpackage
[[ -x $jpackage ]] || { say "no jpackage in $JAVA_HOME (needs a full JDK 17 or later with jmods; set JAVA_HOME)"; exit 1; }
[[ -d $JAVA_HOME/jmods ]] || { say "$JAVA_HOME has no jmods/ directory, which jpackage needs to make the runtime (on Debian: openjdk-17-jdk)"; exit 1; }
need=()
command -v fakeroot >/dev/null || need+=(fakeroot)
command -v dpkg-deb >/dev/null || need+=(dpkg)
command -v unzip >/dev/null || need+=(unzip)
if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing ${need[*]} (jpackage needs fakeroot and dpkg-deb to make a .deb)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    say "missing ${need[*]}: jpackage needs fakeroot and dpkg-deb for a .deb; install with: sudo apt-get install ${need[*]}"
    exit 1
  fi
fi

# --- the fat jar ---------------------------------------------------------------------------------
if ! $skip_build; then
  say "building target/catdit.jar (mvn ${CATDIT_MVN_ARGS:--B -q} package -DskipTests)"
  # shellcheck disable=SC2086 # the arguments are meant to split
  mvn ${CATDIT_MVN_ARGS:--B -q} package -DskipTests
fi
[[ -f target/catdit.jar ]] || { say "target/catdit.jar is missing; run without --skip-build"; exit 1; }
built=$SECONDS

# The version is the pom's, as the shade plugin wrote it into the manifest. jpackage wants one to three
# numbers, so 0.1.0-SNAPSHOT packages as 0.1.0.
pom_version=$(unzip -p target/catdit.jar META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')
app_version=${pom_version%%-*}
[[ $app_version =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || { say "cannot make a package version out of '$pom_version'"; exit 1; }

# --- the runtime's modules still cover what the jar uses ------------------------------------------
if $check_modules; then
  used=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 -q target/catdit.jar)
  listed=$(sed -n "s/^--add-modules //p" packaging/jpackage/app.args)
  missing=$(comm -23 <(tr ',' '\n' <<<"$used" | sort -u) <(tr ',' '\n' <<<"$listed" | sort -u))
  if [[ -n $missing ]]; then
    say "the jar uses modules that packaging/jpackage/app.args --add-modules leaves out: $(echo $missing)"
    exit 1
  fi
fi
checked=$SECONDS

# --- jpackage ------------------------------------------------------------------------------------
out=target/jpackage
rm -rf "$out"
mkdir -p "$out/input"
cp target/catdit.jar "$out/input/"   # only the fat jar: jpackage copies everything in --input into the image

# --- the desktop entry's window class ----------------------------------------------------------
# JavaFX gives every window the X11 class of the Application subclass it launched (xprop on a probe
# window: WM_CLASS "probe.ProbeMain$ProbeApp"), and desktops match a desktop entry's StartupWMClass
# against it to show the running window under the entry's icon. So the entry names the class in the jar.
resources=$out/resources
mkdir -p "$resources"
cp packaging/linux/* "$resources/"
fx_app=$(unzip -Z1 target/catdit.jar 'org/catdit/*' | sed -n 's/\.class$//p' | tr / . |
  xargs "$JAVA_HOME/bin/javap" -cp target/catdit.jar 2>/dev/null |
  sed -n 's/^.*class \([^ ]*\) extends javafx\.application\.Application.*$/\1/p' || true)
fx_count=$(grep -c . <<<"$fx_app" || true)
if ((fx_count == 1)); then
  say "desktop entry: StartupWMClass=$fx_app"
  sed -i "s/^StartupWMClass=JAVAFX_APPLICATION_CLASS$/StartupWMClass=$fx_app/" "$resources/catdit.desktop"
else
  say "desktop entry without StartupWMClass: $fx_count javafx.application.Application subclasses in the jar, not one"
  sed -i '/^StartupWMClass=/d' "$resources/catdit.desktop"
fi

say "app image $out/catdit (version $app_version)"
"$jpackage" --type app-image @packaging/jpackage/common.args @packaging/jpackage/app.args @packaging/jpackage/linux-image.args \
  --input "$out/input" --dest "$out" --app-version "$app_version"
imaged=$SECONDS

say ".deb from that image"
"$jpackage" --type deb @packaging/jpackage/common.args @packaging/jpackage/linux-deb.args \
  --resource-dir "$resources" --app-image "$out/catdit" --dest "$out" --app-version "$app_version"
debbed=$SECONDS

deb=$(ls "$out"/catdit_*.deb)
say "done in ${debbed} s (build ${built} s, module check $((checked - built)) s, app image $((imaged - checked)) s, .deb $((debbed - imaged)) s)"
echo "app image: $out/catdit ($(du -sh "$out/catdit" | cut -f1))"
echo "deb:       $deb ($(du -h "$deb" | cut -f1))"
