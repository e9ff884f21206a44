"""The web client a browser gets, fully offline and in Thai: Flet's own files with a few of ours
laid over them. Flet serves a file from the app's assets folder before its own, and takes the
assets folder's ``index.html`` as the page it configures; so the folder handed to Flet is one
prepared here, holding:

- ``index.html``: Flet's page with a Thai and English loading screen and a page for when the
  app's local service has stopped (``field_audit.ui.web_page``);
- ``main.dart.mjs`` and ``main.dart.js``: the compiled client (WebAssembly, or JavaScript in
  browsers without WasmGC) with two of its strings changed: "Working...", which it shows
  under its spinner while it connects, is left out (the page's own loading screen says it in
  Thai and English before, and the stopped page after a lost connection; Flutter would draw
  Thai there in boxes until its fallback font arrives), and the CDN address of the Rive
  animation runtime, which it fetches on every load though the app draws no animation. The
  WebAssembly build takes its string constants from ``main.dart.mjs`` by name, so the loader
  there answers ours instead;
- ``rive/.../rive_native.js``: a stand-in for that runtime which never finishes loading (as
  when the CDN cannot be reached, which the client tolerates), so nothing is fetched;
- ``assets/FontManifest.json`` and ``assets/fonts/``: Flet's font list with the bundled fonts
  added, so that the client loads them while it boots, before the session: the first screen
  is then drawn in Sarabun at once. Registered by the page instead (``page.fonts``), they are
  fetched only after the first screen arrives, and that screen is laid out and drawn twice,
  which cost a quarter of a second of the start on a two-core laptop;
- ``assets/fonts/notosansthai/...``: the Thai fallback font Flutter asks for (from this server,
  with ``no_cdn``) for text in a font without Thai: the bundled Sarabun.

The folder is made once per Flet version and overlay (its name holds both), in the user's cache
folder; making it takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

from flet_web import get_package_web_dir  # type: ignore[import-untyped]
from platformdirs import user_cache_path

from field_audit.ui import theme, web_page
from field_audit.ui.i18n import tr
from field_audit.ui.words import web as words

RIVE_CDN = re.compile(rb"https://cdn\.jsdelivr\.net/npm/@rive-app/flutter-native-wasm@[0-9.]+/")
THAI_FALLBACK = re.compile(rb"notosansthai/v\d+/[A-Za-z0-9_\-]+\.woff2")
WORKING = "Working..."
RIVE_LOCAL = "rive/"
RIVE_STUB = (
    "// The app draws no Rive animation, but Flet's client loads Rive's runtime on every page.\n"
    "// This stand-in, served by the app itself, never finishes loading: the client carries on\n"
    "// as it does when the runtime cannot be fetched, and nothing leaves the machine.\n"
    "window.RiveNative = () => new Promise(() => {});\n"
)
STRING_LOADER = "get(_, prop) { return prop; }"
FONT_MANIFEST = "assets/FontManifest.json"


class WebClientMismatch(RuntimeError):
    """Flet's web client is not built the way this overlay expects (another Flet version)."""


def flet_web_dir() -> Path:
    return Path(get_package_web_dir())


def prepared_web_client(cache: Path | None = None) -> Path:
    """The folder to hand Flet as its assets folder, made if missing (see the module's doc)."""
    source = flet_web_dir()
    folder = (cache or default_cache()) / f"web-client-{version('flet-web')}-{_digest()}"
    if not (folder / "index.html").is_file():
        _make(source, folder)
    return folder


def default_cache() -> Path:
    return user_cache_path("gecc-field-audit", appauthor=False)


def _digest() -> str:
    """Changes with our overlay, its words and fonts (the folder's name has Flet's version)."""
    sources = [Path(__file__), Path(web_page.__file__), Path(words.__file__)]
    sources += [theme.ASSETS_DIR / "fonts" / name for name in sorted(_font_files())]
    return hashlib.sha256(b"\0".join(p.read_bytes() for p in sources)).hexdigest()[:12]


def _font_files() -> list[str]:
    return [p.name for p in (theme.ASSETS_DIR / "fonts").iterdir() if p.is_file()]


def replacements(source: Path) -> dict[str, str]:
    """The compiled client's strings to change, and what to."""
    rive = RIVE_CDN.search((source / "main.dart.wasm").read_bytes())
    if rive is None:
        raise WebClientMismatch("no Rive runtime address in Flet's main.dart.wasm")
    return {WORKING: "", rive.group().decode(): RIVE_LOCAL}


def _make(source: Path, folder: Path) -> None:
    """Build the folder beside its final place, then move it there in one step (two apps
    starting at once each build one; the second to finish keeps the first's)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".web-client-", dir=folder.parent))
    try:
        strings = replacements(source)
        _write(work / "index.html", patched_index((source / "index.html").read_text("utf-8")))
        _write(work / "main.dart.mjs", patched_loader(source, strings))
        _write(work / "main.dart.js", patched_script(source, strings))
        for variant in ("wasm", "wasm_compatibility"):
            _write(work / RIVE_LOCAL / variant / "rive_native.js", RIVE_STUB)
        fonts = work / "assets" / "fonts"
        fonts.mkdir(parents=True)
        for name in _font_files():
            shutil.copyfile(theme.ASSETS_DIR / "fonts" / name, fonts / name)
        _write(work / FONT_MANIFEST, font_manifest(source))
        thai = fonts / thai_fallback_path(source)
        thai.parent.mkdir(parents=True)
        shutil.copyfile(theme.ASSETS_DIR / "fonts" / "Sarabun-Regular.ttf", thai)
        try:
            os.replace(work, folder)
        except OSError:  # another process made it first
            if not (folder / "index.html").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def font_manifest(source: Path) -> str:
    """Flet's ``FontManifest.json`` with the theme's fonts added (paths under ``assets/``)."""
    families = json.loads((source / FONT_MANIFEST).read_text("utf-8"))
    ours = set(theme.FONTS)
    families = [f for f in families if f.get("family") not in ours]
    families += [{"family": name, "fonts": [{"asset": path}]} for name, path in theme.FONTS.items()]
    return json.dumps(families, ensure_ascii=False)


def thai_fallback_path(source: Path) -> str:
    """Where under ``assets/fonts/`` the client looks for its Thai fallback font."""
    found = THAI_FALLBACK.search((source / "main.dart.wasm").read_bytes())
    if found is None:
        raise WebClientMismatch("no Thai fallback font in Flet's main.dart.wasm")
    return found.group().decode()


def patched_loader(source: Path, strings: dict[str, str]) -> str:
    """``main.dart.mjs`` answering ``strings`` for the WebAssembly build's string constants."""
    text = (source / "main.dart.mjs").read_text("utf-8")
    if text.count(STRING_LOADER) != 1:
        raise WebClientMismatch("Flet's main.dart.mjs no longer names its strings as expected")
    ours = json.dumps(strings, ensure_ascii=False)
    loader = (
        f"get(_, prop) {{ const ours = {ours}; "
        "return Object.hasOwn(ours, prop) ? ours[prop] : prop; }"
    )
    return text.replace(STRING_LOADER, loader)


def patched_script(source: Path, strings: dict[str, str]) -> str:
    """``main.dart.js`` (the JavaScript build) with ``strings`` changed where they are quoted."""
    text = (source / "main.dart.js").read_text("utf-8")
    for old, new in strings.items():
        quoted = json.dumps(old)
        if text.count(quoted) != 1:
            raise WebClientMismatch(f"Flet's main.dart.js holds {quoted} other than once")
        text = text.replace(quoted, json.dumps(new, ensure_ascii=False))
    return text


def patched_index(text: str) -> str:
    """Flet's ``index.html`` in Thai, with our loading screen, watch and stopped page."""
    edits = [
        ("<html>", '<html lang="th">'),
        (
            "<title>Flet</title>",
            f"<title>{tr('web.title', 'th')} · {tr('web.title', 'en')}</title>",
        ),
        ("<!-- fletAppConfig -->", web_page.head() + "\n  <!-- fletAppConfig -->"),
        ('aria-label="Loading"', f'aria-label="{tr("web.loading", "th")}"'),
        ('<img src="icons/loading-animation.png" alt="" />', web_page.loading_screen()),
        ("</body>", web_page.stopped_page() + "\n</body>"),
    ]
    for old, new in edits:
        if text.count(old) != 1:
            raise WebClientMismatch(f"Flet's index.html holds {old!r} other than once")
        text = text.replace(old, new)
    return text
