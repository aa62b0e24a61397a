"""PyInstaller run-time hook of the commanddesk bundle; runs before the app's own code.

Linux: point fontconfig at the bundle's ``fontconfig/fonts.conf``. That file
loads the system's own configuration when there is one and adds the bundled
CJK fonts (WenQuanYi Micro Hei for the interface and the map, CD Serif SC for
reports), so Chinese text renders on a machine without any CJK font, and
without a "Fontconfig error: Cannot load default config file" on a system
without fontconfig's configuration. Qt and QtWebEngine (whose helper process
inherits the environment) both read fonts through fontconfig, so nothing in
the app has to register fonts. A fontconfig file chosen by the user
(FONTCONFIG_FILE already set) is left alone.

Running as root (Chromium then needs --no-sandbox) is handled by
commanddesk.map.register_schemes(), frozen or not.
"""

import os
import sys


def _configure_fonts() -> None:
    if not sys.platform.startswith("linux") or "FONTCONFIG_FILE" in os.environ:
        return
    conf = os.path.join(sys._MEIPASS, "fontconfig", "fonts.conf")
    if os.path.isfile(conf):
        os.environ["FONTCONFIG_FILE"] = conf


_configure_fonts()
del _configure_fonts
