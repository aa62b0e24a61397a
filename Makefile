# commanddesk: two commands do all the set-up: `make run` and `make test`.
# Safe to run again; each step is skipped when it is already done.

PY      ?= python3
VENV    := .venv
VPY     := $(VENV)/bin/python
STAMP   := $(VENV)/.installed

# Everything Qt's xcb platform plugin (plugins/platforms/libqxcb.so, lib/libQt6XcbQpa.so.6
# and plugins/xcbglintegrations) links against, found with ldd on PySide6 6.11.3. Without
# libxcb-icccm4 / libxcb-keysyms1 a real display aborts with exit 134 (Qt blames xcb-cursor0).
# commanddesk/app.py XCB_LIBS keeps the same soname -> package list for its start-up check.
XCB_PKGS := libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 \
	libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 \
	libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0

# Debian packages: Qt offscreen + QtWebEngine libraries, a CJK font, venv support, and the xcb list
# above (defined first: := expands at once, and an xcb list defined later was silently empty).
APT_PKGS := python3-venv libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 \
	libdbus-1-3 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 \
	libasound2 libpulse0 fonts-wqy-microhei \
	$(XCB_PKGS)

# Only for `make desktop-check`: a virtual display, a window manager, a robot typist, screenshots.
DESKTOP_PKGS := xvfb openbox xdotool xclip x11-utils imagemagick sqlite3

.PHONY: venv sysdeps run test bench bench-scale clean screenshots desktop-check translations

venv: $(STAMP)

sysdeps:
	@sh packaging/sysdeps.sh $(APT_PKGS)

$(STAMP): pyproject.toml | sysdeps
	@test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Make sure system packages are checked even when the venv is already built.
run: sysdeps venv
	@$(VPY) -m commanddesk --demo; s=$$?; [ $$s -eq 3 ] && exit 0 || exit $$s

test: sysdeps venv
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest

# A person's session on a virtual 1366x768 desktop (Xvfb + openbox + xdotool): sign in, Ctrl+N,
# type a call, wait 70 s, Ctrl+Enter, check the store and the window size, screenshot every page
# into build/desktop-check/. Not part of `make test`. DESKTOP_ARGS=--quick skips the 70-s wait.
desktop-check: sysdeps venv
	@sh packaging/sysdeps.sh $(DESKTOP_PKGS)
	$(VPY) tools/desktop_check.py $(DESKTOP_ARGS)

bench: venv
	QT_QPA_PLATFORM=offscreen $(VPY) benchmarks/run.py

bench-scale: venv
	QT_QPA_PLATFORM=offscreen $(VPY) benchmarks/scale.py

screenshots: venv
	for p in duty intake incidents warnings plans map teams materials ledger shelters hazards contacts drills statistics settings; do \
		QT_QPA_PLATFORM=offscreen $(VPY) -m commanddesk --demo --screenshot resources/screenshots/$$p.png --page $$p --size 1366x768 || exit 1; \
	done

# The English build: collect every tr() text (lupdate) and every text kept in tuples and lists
# (packaging/ui_literals.py) into the two .ts files, keeping what is translated; compile one .qm.
# New texts arrive unfinished: translate them in the .ts (Qt Linguist or any editor), run again.
I18N := commanddesk/data/i18n
translations: venv
	$(VPY) packaging/ui_literals.py
	$(VENV)/bin/pyside6-lupdate commanddesk/ui/*.py commanddesk/app.py commanddesk/pages.py -no-obsolete \
		-ts $(I18N)/commanddesk_en.ts
	$(VENV)/bin/pyside6-lrelease $(I18N)/commanddesk_en.ts $(I18N)/literals_en.ts -qm $(I18N)/commanddesk_en.qm

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache

# The offline desktop bundle (packaging/): dist/commanddesk/ and
# dist/commanddesk-<version>-linux-x86_64.tar.gz; PyInstaller is installed on demand.
# `make bundle BUNDLE_ARGS=--xz` also writes a smaller .tar.xz. `make clean` removes dist/.
.PHONY: bundle bundle-test bundle-test-minbase

bundle: venv
	@sh packaging/sysdeps.sh binutils icu-devtools fonts-wqy-microhei fonts-dejavu-core
	@$(VPY) -c "import PyInstaller" 2>/dev/null || $(VPY) -m pip install --quiet -e '.[test,bundle]'
	$(VPY) packaging/build.py $(BUNDLE_ARGS)

# Smoke test of the bundle (built first if there is none): headless map with tiles, no network.
bundle-test: venv
	@test -x dist/commanddesk/commanddesk || $(MAKE) bundle
	$(VPY) packaging/smoke_test.py dist/commanddesk

# The same smoke test inside a Debian 12 minbase (no Python, no fonts; libgl1 and libegl1 as INSTALL.md
# asks), made once in build/minbase with debootstrap (as root; about 150 MB).
MINBASE := build/minbase
bundle-test-minbase: venv
	@test -x dist/commanddesk/commanddesk || $(MAKE) bundle
	@test -d $(MINBASE)/usr/bin || { sh packaging/sysdeps.sh debootstrap \
		&& debootstrap --variant=minbase bookworm $(MINBASE) http://deb.debian.org/debian \
		&& cp /etc/resolv.conf $(MINBASE)/etc/resolv.conf && chroot $(MINBASE) apt-get update -q \
		&& chroot $(MINBASE) apt-get install -y -q --no-install-recommends libgl1 libegl1; }
	$(VPY) packaging/smoke_test.py dist/commanddesk --root $(MINBASE)
