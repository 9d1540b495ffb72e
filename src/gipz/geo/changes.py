"""The next herindeling is a command, not a release: `gipz municipalities apply FILE`.

A file (the same columns as geo/data/herindelingen_2017_2023.csv, plus the safety region of a new or moved
municipality) describes mergers, splits, renames and moves to another safety region with their legal date. The whole
file is checked first — nothing is stored if any line is wrong, and a municipality without a complete set of
successors is refused. Changes are stored as planned and applied on their legal date (at once if it has come; the
worker's daily job otherwise), each date in one transaction: successors created, predecessors closed, succession
rows written, and every app that keeps municipalities moves its own data (service areas and duty rosters,
werkafspraken, key figures: `change_mover_register`). History stays as it was: situations keep the municipality
where they happened; open work keeps its teams. Every change is audited.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from gipz.core.audit import audit_record
from gipz.geo.history import check_complete
from gipz.geo.models import Municipality, MunicipalitySuccession, PlannedChange, SafetyRegion

COLUMNS = ("datum", "oude_code", "oude_naam", "nieuwe_code", "nieuwe_naam", "aandeel", "veiligheidsregio", "bron")


class ChangeFileError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


@dataclass(frozen=True)
class ChangeRow:
    legal_date: date
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    share: Decimal
    region: str
    source: str

    @property
    def in_place(self) -> bool:
        """A rename or a move to another safety region: the code stays."""
        return self.old_code == self.new_code


# (predecessor, [(successor, share)], legal date) -> lines saying what moved
Mover = Callable[[Municipality, list[tuple[Municipality, Decimal]], date], list[str]]
_MOVERS: dict[str, Mover] = {}


def change_mover_register(name: str, mover: Mover) -> None:
    """Apps above geo move what they keep per municipality (AppConfig.ready)."""
    _MOVERS[name] = mover


def parse_changes(data: bytes) -> list[ChangeRow]:
    """Read and check a change file. Raises ChangeFileError naming the first problem and its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ChangeFileError(0, "the file is not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != list(COLUMNS):
        raise ChangeFileError(1, f"the header must be: {';'.join(COLUMNS)}")
    rows: list[ChangeRow] = []
    for number, raw in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in raw.items() if k}
        try:
            legal_date = date.fromisoformat(values["datum"])
        except ValueError:
            raise ChangeFileError(number, f"{values['datum']!r} is not a date (YYYY-MM-DD)") from None
        try:
            share = Decimal(values["aandeel"].replace(",", "."))
        except InvalidOperation:
            raise ChangeFileError(number, f"{values['aandeel']!r} is not a share between 0 and 1") from None
        if not Decimal(0) < share <= Decimal(1):
            raise ChangeFileError(number, f"the share {share} is not between 0 and 1")
        for column in ("oude_code", "nieuwe_code"):
            code = values[column].upper()
            if len(code) != 6 or not code.startswith("GM") or not code[2:].isdigit():
                raise ChangeFileError(number, f"{values[column]!r} is not a CBS municipality code (GM0344)")
        if not values["nieuwe_naam"] or not values["bron"]:
            raise ChangeFileError(number, "the new name and the source are required")
        rows.append(
            ChangeRow(
                legal_date=legal_date,
                old_code=values["oude_code"].upper(),
                old_name=values["oude_naam"],
                new_code=values["nieuwe_code"].upper(),
                new_name=values["nieuwe_naam"],
                share=share,
                region=values["veiligheidsregio"].upper(),
                source=values["bron"],
            )
        )
    if not rows:
        raise ChangeFileError(0, "the file holds no changes")
    return rows


def check_against_database(rows: list[ChangeRow]) -> None:
    """What the file says must fit the municipalities there are. Refuses a municipality left without a full set of
    successors (its shares must add up to 1), an unknown or already dissolved predecessor, a successor that is
    dissolved, a new municipality without a known safety region, and a predecessor changed twice."""
    known = {m.code: m for m in Municipality.objects.all()}
    regions = set(SafetyRegion.objects.values_list("code", flat=True))
    dates: dict[str, set[date]] = defaultdict(set)
    for number, row in enumerate(rows, start=2):
        old = known.get(row.old_code)
        if old is None or not old.active:
            raise ChangeFileError(number, f"{row.old_code} is not a municipality valid today")
        new = known.get(row.new_code)
        if new is not None and not new.active:
            raise ChangeFileError(number, f"{row.new_code} ({new.name}) no longer exists and cannot be a successor")
        if (new is None or row.in_place) and row.region and row.region not in regions:
            raise ChangeFileError(number, f"{row.region} is not a safety region (VR01–VR25)")
        if new is None and not row.region:
            raise ChangeFileError(number, f"the new municipality {row.new_code} needs its safety region")
        dates[row.old_code].add(row.legal_date)
    for code in check_complete((r.old_code, r.new_code, r.share) for r in rows):
        total = sum(r.share for r in rows if r.old_code == code)
        raise ChangeFileError(
            0,
            f"{code} ({known[code].name}) would be left without a full set of successors: its shares add up to "
            f"{total}, not 1",
        )
    for code, days in dates.items():
        if len(days) > 1:
            raise ChangeFileError(0, f"{code} changes on more than one date in this file")


def plan(*, data: bytes, file_name: str, user: object = None) -> list[PlannedChange]:
    """Check the whole file, store it as planned changes (one per legal date), and apply what is due today."""
    rows = parse_changes(data)
    check_against_database(rows)
    digest = hashlib.sha256(data).hexdigest()
    planned = []
    with transaction.atomic():
        for legal_date in sorted({r.legal_date for r in rows}):
            change = PlannedChange.objects.create(
                legal_date=legal_date,
                rows=[
                    {
                        "old_code": r.old_code,
                        "old_name": r.old_name,
                        "new_code": r.new_code,
                        "new_name": r.new_name,
                        "share": str(r.share),
                        "region": r.region,
                        "source": r.source,
                    }
                    for r in rows
                    if r.legal_date == legal_date
                ],
                file_name=file_name[:200],
                sha256=digest,
                planned_at=timezone.now(),
            )
            audit_record(actor=user, event_type="municipalities.planned", obj=change, new={"date": str(legal_date)})
            planned.append(change)
    apply_due(today=timezone.localdate())
    return planned


def apply_due(*, today: date) -> list[str]:
    """Apply every planned change whose legal date has come, oldest first; returns what was done, line by line."""
    done: list[str] = []
    due = PlannedChange.objects.filter(applied_at__isnull=True, legal_date__lte=today).order_by("legal_date", "pk")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            change = PlannedChange.objects.select_for_update().get(pk=pk)
            if change.applied_at is None:
                done += _apply(change)
    return done


def _apply(change: PlannedChange) -> list[str]:
    rows = [
        ChangeRow(
            legal_date=change.legal_date,
            old_code=r["old_code"],
            old_name=r["old_name"],
            new_code=r["new_code"],
            new_name=r["new_name"],
            share=Decimal(r["share"]),
            region=r["region"],
            source=r["source"],
        )
        for r in change.rows
    ]
    check_against_database(rows)  # the country may have changed since it was planned
    lines: list[str] = []
    regions = {r.code: r for r in SafetyRegion.objects.all()}
    by_old: dict[str, list[ChangeRow]] = defaultdict(list)
    for row in rows:
        by_old[row.old_code].append(row)
    for old_code, group in by_old.items():
        old = Municipality.objects.select_for_update().get(code=old_code)
        if len(group) == 1 and group[0].in_place:
            lines += _in_place(old, group[0], regions)
            continue
        successors = [(_successor(row, old, regions), row.share) for row in group]
        Municipality.objects.filter(pk=old.pk).update(active=False, valid_until=change.legal_date - timedelta(days=1))
        for successor, share in successors:
            MunicipalitySuccession.objects.create(
                predecessor=old,
                successor=successor,
                share=share,
                legal_date=change.legal_date,
                source=next(r.source for r in group if r.new_code == successor.code),
            )
        audit_record(
            actor=None,
            event_type="municipality.dissolved",
            obj=old,
            new={"date": str(change.legal_date), "successors": {s.code: str(share) for s, share in successors}},
        )
        went = ", ".join(f"{s.code} {s.name} ({share})" for s, share in successors)
        lines.append(f"{old.code} {old.name} → {went}")
        for name, mover in _MOVERS.items():
            lines += [f"  {name}: {line}" for line in mover(old, successors, change.legal_date)]
    for created in Municipality.objects.filter(valid_from=change.legal_date, population__isnull=True):
        _estimate_population(created)
    PlannedChange.objects.filter(pk=change.pk).update(applied_at=timezone.now())
    return lines


def _successor(row: ChangeRow, old: Municipality, regions: dict[str, SafetyRegion]) -> Municipality:
    found = Municipality.objects.filter(code=row.new_code).first()
    if found is not None:
        return found
    region = regions[row.region]
    created = Municipality.objects.create(
        code=row.new_code,
        name=row.new_name,
        safety_region=region,
        police_unit=region.police_unit,
        valid_from=row.legal_date,
        active=True,
    )
    audit_record(actor=None, event_type="municipality.created", obj=created, new={"date": str(row.legal_date)})
    return created


def _estimate_population(municipality: Municipality) -> None:
    """A new municipality's population, estimated from its predecessors' by their shares until CBS counts it."""
    parts = MunicipalitySuccession.objects.filter(successor=municipality).select_related("predecessor")
    known = [(p.share, p.predecessor) for p in parts if p.predecessor.population]
    if not known:
        return
    Municipality.objects.filter(pk=municipality.pk).update(
        population=round(sum(share * m.population for share, m in known)),
        population_year=min(m.population_year or 0 for _share, m in known) or None,
        population_estimated=True,
    )


def _in_place(old: Municipality, row: ChangeRow, regions: dict[str, SafetyRegion]) -> list[str]:
    changes: dict[str, object] = {}
    if row.new_name and row.new_name != old.name:
        changes["name"] = row.new_name
    if row.region and (old.safety_region is None or old.safety_region.code != row.region):
        changes["safety_region"] = regions[row.region]
        changes["police_unit"] = regions[row.region].police_unit
    if not changes:
        return [f"{old.code} {old.name}: nothing to change"]
    before = {"name": old.name, "safety_region": old.safety_region.code if old.safety_region else ""}
    for name, value in changes.items():
        setattr(old, name, value)
    old.save(update_fields=list(changes))
    after = {"name": old.name, "safety_region": old.safety_region.code if old.safety_region else ""}
    audit_record(actor=None, event_type="municipality.changed", obj=old, old=before, new=after)
    return [f"{old.code}: {before['name']} ({before['safety_region']}) → {after['name']} ({after['safety_region']})"]
