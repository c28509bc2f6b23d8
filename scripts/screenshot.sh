#!/usr/bin/env bash
# Takes docs/screenshot.png: the sourcemark window on the sample project, under Xvfb.
#
# Installs nothing. It needs, on Debian/Ubuntu:
#   apt-get install -y xvfb imagemagick libgl1-mesa-dri libegl1 xdotool
# (Xvfb for the display, `import` from ImageMagick for the shot, Mesa for OpenGL in
# software, xdotool to click and drag like a person; without xdotool the shot is taken
# as the window opens.)
#
# Usage: scripts/screenshot.sh [PROJECT.ron] [OUT.png]
# Env:   PROFILE=release to use a release build (default: debug, quicker to build),
#        DISPLAY_NUM=:99, SIZE=1280x800.
set -euo pipefail
cd "$(dirname "$0")/.."

PROJECT=${1:-projects/rally-coverage/project.ron}
OUT=${2:-docs/screenshot.png}
DISPLAY_NUM=${DISPLAY_NUM:-:99}
SIZE=${SIZE:-1280x800}
PROFILE=${PROFILE:-debug}

for tool in Xvfb import; do
    command -v "$tool" >/dev/null || { echo "screenshot.sh: $tool is missing (see the header of this script)" >&2; exit 2; }
done
[ -f "$PROJECT" ] || { echo "screenshot.sh: no project at $PROJECT" >&2; exit 2; }

if [ "$PROFILE" = release ]; then cargo build --release --quiet; else cargo build --quiet; fi
BIN="${CARGO_TARGET_DIR:-target}/$PROFILE/sourcemark"

# Work on a copy, with throw-away settings: the shot must not change the project, leave
# a recovery file beside it, or touch anybody's recent-projects list.
WORK=$(mktemp -d)
cp -r "$(dirname "$PROJECT")" "$WORK/project"
COPY="$WORK/project/$(basename "$PROJECT")"
export SOURCEMARK_CONFIG_DIR="$WORK/config"
export SOURCEMARK_ANNOTATOR=screenshot

Xvfb "$DISPLAY_NUM" -screen 0 "${SIZE}x24" -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
APP=
cleanup() {
    [ -n "$APP" ] && kill "$APP" 2>/dev/null || true
    kill "$XVFB" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
export DISPLAY=$DISPLAY_NUM
sleep 1

W=${SIZE%x*}
H=${SIZE#*x}
# Ask for the whole screen (there is no window manager to maximise it).
RUST_LOG=error "$BIN" "$COPY" &
APP=$!
sleep "${STARTUP_WAIT:-6}"

if command -v xdotool >/dev/null; then
    WIN=$(xdotool search --name "sourcemark" | head -n1 || true)
    if [ -n "$WIN" ]; then
        xdotool windowmove "$WIN" 0 0 windowsize "$WIN" "$W" "$H" || true
        # No window manager gives the window the keyboard: ask X directly.
        xdotool windowfocus "$WIN" 2>/dev/null || true
        sleep 1
    fi
    # Give the window the keyboard with a click on the article, go to the second
    # document (Ctrl+PageDown), select the first row of the annotation list so the
    # inspector shows something, then drag across part of a line of the article so a
    # text selection shows too. Coordinates are fractions of the screen; egui needs a
    # frame between pointer events, hence the pauses.
    xdotool mousemove $((W * 60 / 100)) $((H * 95 / 100)) click 1
    sleep 0.5
    xdotool key ctrl+Next
    sleep 1
    xdotool mousemove $((W * 84 / 100)) $((H * 12 / 100)) click 1
    sleep 1
    Y=$((H * ${DRAG_Y:-70} / 100))
    xdotool mousemove $((W * 32 / 100)) "$Y"
    sleep 0.3
    xdotool mousedown 1
    for X in 36 42 48 54; do
        sleep 0.2
        xdotool mousemove $((W * X / 100)) "$Y"
    done
    sleep 0.3
    xdotool mouseup 1
    xdotool mousemove $((W * 99 / 100)) $((H * 99 / 100))
    sleep 1
fi

mkdir -p "$(dirname "$OUT")"
import -display "$DISPLAY_NUM" -window root "$OUT"
echo "wrote $OUT"
