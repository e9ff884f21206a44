"""Regenerates the README's tables (and the deployment guide's settings table and nginx
configuration) from the data they describe; ``--check`` fails on drift.

Run ``python -m scripts.gen_docs`` after changing an edition or a setting; the test command
runs it with ``--check`` so the documents never disagree with the data.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from field_audit.domain.edition import Edition, load_bundled_edition
from scripts.fleet.nginx import example_site, render_site
from sync.server.console.permissions import permissions_table
from sync.server.settings import settings_table

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DEPLOYMENT = ROOT / "sync" / "server" / "DEPLOYMENT.md"
DOCUMENTS = {
    README: ("criteria", "criteria-later", "settings", "permissions"),
    DEPLOYMENT: ("nginx", "settings"),
}
CATEGORY_TH = {"physical": "กายภาพ", "quality": "คุณภาพ", "outcome": "ผลลัพธ์"}


def criteria_table(edition: Edition) -> str:
    rows = [
        f"Edition `{edition.id}` — {edition.title.en}; "
        f"content hash `{edition.content_hash[:16]}…`; wording: **{edition.wording}**.",
        "",
        *_blocks(edition),
        *_levels(edition),
        "| ID | Block | Points | Category | Photo | เกณฑ์ (Thai) | Criterion (English) |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in edition.criteria:
        category = f"{c.category.value} ({CATEGORY_TH[c.category.value]})"
        photo = "required" if c.photo_required else ""
        points = f"0–{c.points} (graded)" if c.graded else str(c.points)
        must = " (must be met)" if c.mandatory else ""
        cells = [c.id, c.block + must, points, category, photo, c.title.th, c.title.en]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _blocks(edition: Edition) -> list[str]:
    lines = []
    for block in edition.blocks:
        needs = []
        if block.min_met is not None:
            needs.append(f"at least {block.min_met} met")
        if block.min_points is not None:
            needs.append(f"at least {block.min_points} points")
        rule = f" — {', '.join(needs)}" if needs else ""
        lines.append(
            f"- `{block.id}`: {block.title.th} ({block.title.en}), "
            f"{block.total_points} points{rule}"
        )
    return [*lines, ""]


def _levels(edition: Edition) -> list[str]:
    if not edition.rule.levels:
        return []
    levels = "; ".join(
        f"{lv.title.th} ({lv.title.en}) from {lv.min_points}" for lv in edition.rule.levels
    )
    return [f"Levels by the total of {edition.rule.max_points}: {levels}.", ""]


def sections() -> dict[str, str]:
    return {
        "criteria": criteria_table(load_bundled_edition("gecc-2560")),
        "criteria-later": criteria_table(load_bundled_edition("gecc-2563")),
        "settings": settings_table(),
        "nginx": f"```nginx\n{render_site(example_site())}```",  # what tests/fleet runs
        "permissions": permissions_table(),
    }


def render(text: str, names: tuple[str, ...] = ("criteria", "settings")) -> str:
    bodies = sections()
    for name in names:
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"no <!-- {name}:start --> ... <!-- {name}:end --> section")
        body = bodies[name]
        text = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
    return text


def main(argv: list[str]) -> int:
    stale = []
    for path, names in DOCUMENTS.items():
        current = path.read_text(encoding="utf-8")
        wanted = render(current, names)
        if wanted != current:
            stale.append(path.relative_to(ROOT))
            if "--check" not in argv:
                path.write_text(wanted, encoding="utf-8")
    if "--check" in argv:
        if stale:
            names = ", ".join(str(p) for p in stale)
            print(f"{names} out of date with the data: run python -m scripts.gen_docs")
            return 1
        print("README and deployment tables match the data")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
