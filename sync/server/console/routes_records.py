"""The audit log (searchable by officer, LAO, action and date), a round's Excel workbook, and
the statistics across rounds: charts drawn on the server as SVG, each with its table."""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from sync.server.console.auth import Allowed, Officer, central_of, database, language_of
from sync.server.console.charts import figures_chart
from sync.server.console.forms import optional_day
from sync.server.console.permissions import Permission
from sync.server.console.render import page
from sync.server.console.routes_round import today_of
from sync.server.console.words import say
from sync.server.errors import NotFound
from sync.server.store.accounts import accounts
from sync.server.store.export import round_sheets
from sync.server.store.listing import audit_log
from sync.server.store.statistics import MEASURES, by_kind, by_province, by_round
from sync.server.workbook import round_workbook

router = APIRouter(prefix="/office", include_in_schema=False)
View = Depends(Allowed(Permission.VIEW))
Auditor = Depends(Allowed(Permission.LOG))
Db = Depends(database)
PER_PAGE = 100
CHARTS = {"rounds": by_round, "provinces": by_province, "kinds": by_kind}


@router.get("/log")
def log_page(
    request: Request,
    *,
    officer_name: str = "",
    lao: str = "",
    action: str = "",
    since: str = "",
    until: str = "",
    page_number: int = 1,
    officer: Officer = Auditor,
    db: Session = Db,
) -> HTMLResponse:
    current = max(1, page_number)
    entries = audit_log(
        db,
        actor=officer_name.strip() or None,
        lao=lao.strip() or None,
        action=action.strip() or None,
        since=optional_day(since, "since"),
        until=optional_day(until, "until"),
        limit=PER_PAGE + 1,
        offset=(current - 1) * PER_PAGE,
    )
    base = {
        "officer_name": officer_name,
        "lao": lao,
        "action": action,
        "since": since,
        "until": until,
    }
    return page(
        request,
        "log.html",
        officer=officer,
        db=db,
        entries=entries[:PER_PAGE],
        more=len(entries) > PER_PAGE,
        current=current,
        base=base,
        names={a.username: a.name for a in accounts(db)},
    )


@router.get("/rounds/{round_id}/export.xlsx")
async def export_round(
    request: Request, round_id: str, officer: Officer = View, db: Session = Db
) -> Response:
    """The round as an Excel workbook: every LAO, and a summary per province."""
    central = central_of(request)
    today = today_of(request)
    sheets = await anyio.to_thread.run_sync(
        lambda: round_sheets(db, central.editions, round_id, today=today)
    )
    data = await anyio.to_thread.run_sync(round_workbook, sheets)
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="gecc-{round_id}.xlsx"'},
    )


@router.get("/stats")
def stats_page(request: Request, officer: Officer = View, db: Session = Db) -> HTMLResponse:
    figures = {name: figures_of(db) for name, figures_of in CHARTS.items()}
    return page(request, "stats.html", officer=officer, db=db, figures=figures, measures=MEASURES)


@router.get("/stats/{chart}.svg")
def stats_chart(
    request: Request, chart: str, officer: Officer = View, db: Session = Db
) -> Response:
    figures_of = CHARTS.get(chart)
    if figures_of is None:
        raise NotFound("chart", chart)
    lang = language_of(request)
    svg = figures_chart(
        figures_of(db),
        title=say(f"chart_{chart}", lang),
        lang=lang,
        horizontal=chart == "provinces",
    )
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
    )
