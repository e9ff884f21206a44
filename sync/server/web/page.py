"""The verification page as HTML: the outcome in big words, a colour and a mark, the fields the
certificate states, and the two forms (type the reference; send a photo of the QR code).

No JavaScript and no external resource: one inline style sheet, allowed by its hash in the
Content-Security-Policy (``SECURITY_HEADERS``), system fonts (a Thai one is on every phone).
Every value goes through ``html.escape`` (``sync.server.web.html``). The parts that depend
only on the language are made once and kept.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sync.protocol.certificates import Certificate, Revocation, Verdict, thai_date
from sync.protocol.certificates.messages import english_date, thai_long_date
from sync.server.web.html import Html, element, join, raw
from sync.server.web.texts import PAGE_MESSAGES, heading, pick, say

STYLE = """
:root{color-scheme:light}
body{margin:0;background:#f3f5f8;color:#1b1f24;line-height:1.6;font-size:18px;
font-family:"Noto Sans Thai","Sarabun","Leelawadee UI","Thonburi","Loma","Garuda",Tahoma,sans-serif}
header{background:#1d3766;color:#fff;padding:14px 18px}
header h1{font-size:1.35em;margin:0}
header p{margin:2px 0 0;opacity:.9;font-size:.85em}
header a{color:#fff;float:right;font-size:.95em}
main{max-width:760px;margin:0 auto;padding:8px 16px 32px}
.verdict{border:4px solid;border-radius:14px;padding:14px 20px;margin:18px 0;background:#fff}
.verdict h2{font-size:2.6em;line-height:1.25;margin:0}
.mark{display:inline-block;width:1.3em;height:1.3em;line-height:1.3em;text-align:center;
border-radius:50%;color:#fff;margin-right:.3em;font-size:.9em}
.verdict>p{font-size:1.1em;margin:.4em 0}
.ok{border-color:#1a7f37;background:#eaf7ee}.ok h2{color:#145c28}.ok .mark{background:#1a7f37}
.warn{border-color:#b35c00;background:#fff4e5}.warn h2{color:#8a4500}.warn .mark{background:#b35c00}
.bad{border-color:#b42318;background:#fdecea}.bad h2{color:#912018}.bad .mark{background:#b42318}
.ask{border-color:#5b6573;background:#f1f3f6}.ask h2{color:#3a434e}.ask .mark{background:#5b6573}
dl{margin:10px 0 4px}dt{color:#4a5360;font-size:.9em}
dd{margin:0 0 8px;font-weight:600;overflow-wrap:break-word}
@media (min-width:600px){dl{display:grid;grid-template-columns:12em 1fr;gap:4px 16px}
dt{font-size:1em}dd{margin:0}}
details{margin-top:8px;font-size:.85em}
details dd{font-weight:400;font-family:monospace;word-break:break-all}
form{background:#fff;border:1px solid #d5dae1;border-radius:12px;padding:14px 18px;margin:14px 0}
label{display:block;font-weight:600;margin-bottom:6px}
input[type=text]{box-sizing:border-box;width:100%;font-size:1.15em;padding:.45em .6em;
border:2px solid #8a94a3;border-radius:8px;font-family:inherit}
input[type=file]{font-size:1em;max-width:100%}
.hint{color:#4a5360;font-size:.9em;margin:4px 0 10px}
button{font-size:1.1em;font-family:inherit;padding:.5em 1.4em;margin-top:10px;border:0;
border-radius:8px;background:#1d3766;color:#fff;cursor:pointer}
footer{color:#4a5360;font-size:.9em;margin-top:18px}
"""
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
THAI = frozenset({"lao", "centre", "level", "reason"})
"""Fields whose values are Thai whatever the page's language (marked so for fonts, readers)."""
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self';"
        " base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Outcome:
    """What one check found: a code, its message, and the certificate if it is genuine."""

    code: str
    message: str
    certificate: Certificate | None = None
    revocation: Revocation | None = None


@dataclass(frozen=True)
class PageView:
    """Everything the page shows besides the outcome."""

    lang: str
    typed: str
    switch_href: str
    max_upload_mb: int


def verdict_outcome(verdict: Verdict, lang: str) -> Outcome:
    """The outcome of a verdict, in the page's words where they differ from the app's."""
    if verdict.code in PAGE_MESSAGES:
        message = page_message(verdict.code, lang, key_id=verdict.key_id or "")
    else:
        message = verdict.message(lang)
    return Outcome(verdict.code, message, verdict.certificate, verdict.revocation)


def refusal_outcome(code: str, lang: str, **values: object) -> Outcome:
    """The outcome of a check that could not be made (no such reference, no QR code...)."""
    return Outcome(code, page_message(code, lang, **values))


def page_message(code: str, lang: str, **values: object) -> str:
    pair = PAGE_MESSAGES.get(code, PAGE_MESSAGES["FAILED"])
    return pick(pair, lang).format_map(_Blank(values))


def verify_page(view: PageView, outcome: Outcome | None) -> str:
    """The whole page, as text."""
    lang = view.lang
    body = element(
        "body",
        _header(view),
        element(
            "main",
            _outcome(outcome, lang) if outcome else "",
            _reference_form(view),
            _photo_form(lang, view.max_upload_mb),
            _footer(lang),
        ),
    )
    head = _head(lang, noindex=outcome is not None)
    return str(join(raw("<!DOCTYPE html>\n"), element("html", head, body, lang=lang)))


@functools.lru_cache(maxsize=8)
def _head(lang: str, *, noindex: bool) -> Html:
    return element(
        "head",
        element("meta", charset="utf-8"),
        element("meta", name="viewport", content="width=device-width, initial-scale=1"),
        element("meta", name="robots", content="noindex") if noindex else "",
        element("title", say("title", lang) + " — GECC"),
        element("style", raw(STYLE)),
    )


@functools.lru_cache(maxsize=4)
def _footer(lang: str) -> Html:
    return element("footer", element("p", say("privacy", lang)))


def _header(view: PageView) -> Html:
    other = "th" if view.lang == "en" else "en"
    return element(
        "header",
        element("a", say("other_language", view.lang), href=view.switch_href, lang=other),
        element("h1", say("title", view.lang)),
        element("p", say("subtitle", view.lang)),
    )


def _outcome(outcome: Outcome, lang: str) -> Html:
    tone, mark, words = heading(outcome.code, lang)
    title = element("h2", element("span", mark, class_="mark", aria_hidden="true"), words)
    parts: list[object] = [title, element("p", outcome.message)]
    if outcome.certificate is not None:
        parts.append(_certificate(outcome.certificate, outcome.revocation, lang))
    return element(
        "section",
        *parts,
        class_=f"verdict {tone}",
        id="verdict",
        role="status",
        data_code=outcome.code,
    )


def _certificate(certificate: Certificate, revocation: Revocation | None, lang: str) -> Html:
    rows: list[tuple[str, str | None]] = [
        ("reference", certificate.reference),
        ("lao", certificate.lao_name_th),
        ("centre", certificate.service_centre_th),
        ("fiscal_year", say("fiscal_year_value", lang, year=certificate.fiscal_year_be)),
        (
            "score",
            say("score_value", lang, points=certificate.points, max_points=certificate.max_points),
        ),
        ("level", certificate.level.name_th if certificate.level else None),
        ("issued_on", _day(certificate.issued_on, lang)),
        ("valid_until", _day(certificate.valid_until, lang)),
    ]
    if revocation is not None:
        rows += [
            ("revoked_on", _day(thai_date(revocation.revoked_at), lang)),
            ("reason", revocation.reason),
        ]
    technical = [
        ("edition", certificate.edition_id),
        ("key_id", certificate.key_id),
        ("result_hash", certificate.result_hash),
    ]
    return join(
        element("h3", say("what_it_states", lang)),
        _list(rows, lang),
        element("details", element("summary", say("technical", lang)), _list(technical, lang)),
    )


def _list(rows: Sequence[tuple[str, str | None]], lang: str) -> Html:
    items = [
        join(element("dt", say(k, lang)), element("dd", v, lang="th" if k in THAI else None))
        for k, v in rows
        if v is not None
    ]
    return element("dl", *items)


def _reference_form(view: PageView) -> Html:
    lang = view.lang
    return element(
        "form",
        element("label", say("reference_label", lang), for_="ref"),
        element(
            "input",
            type="text",
            id="ref",
            name="ref",
            value=view.typed,
            required=True,
            maxlength="80",
            autocomplete="off",
            spellcheck="false",
            autocapitalize="characters",
            placeholder="GECC-2570-50-0007",
        ),
        element("p", say("reference_hint", lang), class_="hint"),
        element("input", type="hidden", name="lang", value="en") if lang == "en" else "",
        element("button", say("check", lang), type="submit"),
        method="get",
        action="/verify",
    )


@functools.lru_cache(maxsize=8)
def _photo_form(lang: str, max_upload_mb: int) -> Html:
    return element(
        "form",
        element("label", say("photo_label", lang), for_="photo"),
        element(
            "input",
            type="file",
            id="photo",
            name="photo",
            required=True,
            accept="image/jpeg,image/png,image/webp,image/*",
        ),
        element("p", say("photo_hint", lang, mb=max_upload_mb), class_="hint"),
        element("button", say("check_photo", lang), type="submit"),
        method="post",
        enctype="multipart/form-data",
        action="/verify?lang=en" if lang == "en" else "/verify",
    )


def _day(day: date, lang: str) -> str:
    return english_date(day) if lang == "en" else thai_long_date(day)


class _Blank(dict[str, object]):
    """Values for a message; a name the message asks for and nobody gave is left empty."""

    def __missing__(self, key: str) -> str:
        return ""
