"""What our web page adds to Flet's ``index.html``: a loading screen in Thai and English, and a
page saying the app's local service has stopped and what to do, shown over the app when its
connection closes and no new one opens within ``STOPPED_AFTER_MS``.

The page's text is drawn in the bundled Sarabun, loaded with the page: once the service has
stopped nothing more can be fetched, so the font must already be in the browser by then.
"""

from __future__ import annotations

from html import escape

from field_audit.ui.i18n import tr

STOPPED_AFTER_MS = 2500
"""A dropped connection that Flet restores within this time (a laptop waking up) shows nothing."""

STYLE = """
<link rel="preload" href="assets/fonts/Sarabun-Regular.ttf" as="font" type="font/ttf" crossorigin>
<style>
  @font-face { font-family: "Sarabun"; src: url("assets/fonts/Sarabun-Regular.ttf"); }
  #loading, #service-stopped { font-family: "Sarabun", sans-serif; color: #1f2937; }
  #loading { flex-direction: column; gap: 18px; text-align: center; font-size: 20px; }
  #loading .en, #service-stopped .en { color: #4b5563; font-size: 0.9em; }
  #loading .spinner {
    width: 40px; height: 40px; border-radius: 50%;
    border: 4px solid #c7d2fe; border-top-color: #3f51b5;
    animation: field-audit-spin 1s linear infinite;
  }
  @keyframes field-audit-spin { to { transform: rotate(360deg); } }
  #service-stopped {
    position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
    background: #ffffff; padding: 32px 24px; box-sizing: border-box; font-size: 19px;
  }
  #service-stopped[hidden] { display: none; }
  #service-stopped main { max-width: 720px; margin: 0 auto; line-height: 1.55; }
  #service-stopped h1 { font-size: 30px; margin: 0; color: #b91c1c; }
  #service-stopped h2 { font-size: 22px; margin: 28px 0 8px; }
  #service-stopped code { font-family: monospace; background: #eef2ff; padding: 0 4px; }
  #service-stopped button {
    margin-top: 20px; min-height: 48px; padding: 0 24px; font: inherit; font-size: 20px;
    color: #ffffff; background: #3f51b5; border: 0; border-radius: 8px; cursor: pointer;
  }
</style>
"""

# Flet's client opens one websocket to this server and opens new ones while it is away. The
# watch counts open ones; when none has been open for STOPPED_AFTER_MS, the service is gone.
WATCH = """
<script>
(() => {
  const Native = window.WebSocket;
  let open = 0;
  let timer = null;
  const stopped = () => document.getElementById("service-stopped");
  const check = () => {
    timer = null;
    if (open === 0 && stopped()) stopped().hidden = false;
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      let opened = false;
      this.addEventListener("open", () => {
        opened = true;
        open += 1;
        if (stopped()) stopped().hidden = true;
      });
      this.addEventListener("close", () => {
        if (opened) open -= 1;
        if (open === 0 && timer === null) timer = setTimeout(check, STOPPED_AFTER_MS);
      });
    }
  };
})();
</script>
"""


def both(key: str) -> str:
    """The phrase in Thai, then in English on a line of its own, as HTML."""
    return f'{escape(tr(key, "th"))}<br><span class="en">{escape(tr(key, "en"))}</span>'


def loading_screen() -> str:
    return f'<div class="spinner"></div><div lang="th">{both("web.loading")}</div>'


def stopped_page() -> str:
    command = "<code>field-audit app</code>"

    def step(key: str) -> str:
        return f"<li>{both(key).replace('field-audit app', command)}</li>"

    return (
        '<div id="service-stopped" role="alertdialog" aria-labelledby="service-stopped-title" '
        'lang="th" hidden><main>'
        f'<h1 id="service-stopped-title">{both("web.stopped_title")}</h1>'
        f"<p>{both('web.stopped_what')}</p>"
        f"<h2>{both('web.stopped_todo')}</h2>"
        f"<ol>{step('web.stopped_restart')}{step('web.stopped_reload')}</ol>"
        f'<button type="button" onclick="location.reload()">'
        f"{escape(tr('web.reload', 'th'))} · {escape(tr('web.reload', 'en'))}</button>"
        "</main></div>"
    )


def head() -> str:
    """What goes into the page's head, before Flet's own configuration."""
    return STYLE + WATCH.replace("STOPPED_AFTER_MS", str(STOPPED_AFTER_MS))
