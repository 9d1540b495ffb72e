"""Turns a run's stored results into what the pages show: key figures, tables and charts (no queries here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gipz.core.charts import Bar, bar_chart
from gipz.simulation.core.warnings import roster_warnings
from gipz.simulation.models import SimulationRun


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString
    rows: list[tuple[str, str]]  # the same numbers as a table, for screen readers and print


def _num(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else number_format(value, digits, use_l10n=True, force_grouping=True)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{number_format(value * 100, 1, use_l10n=True)}%"


def _minutes_label(minutes: float) -> str:
    """Minutes up to two hours, whole hours beyond (so long axes stay readable)."""
    if minutes >= 120 and minutes % 60 == 0:
        return _("%(hours)s u") % {"hours": f"{minutes / 60:g}"}
    return f"{minutes:g}"


def _bucket_label(edge: float | None, previous: float | None) -> str:
    if edge is None:
        return f"> {_minutes_label(previous or 0)}"
    return f"≤ {_minutes_label(edge)}"


def _histogram_chart(ident: str, title: str, description: str, buckets: list[list[Any]]) -> Chart:
    total = sum(count for _edge, count in buckets) or 1
    bars, rows, previous = [], [], None
    for edge, count in buckets:
        label = _bucket_label(edge, previous)
        bars.append(Bar(label, count / total))
        rows.append((label, _pct(count / total)))
        previous = edge
    return Chart(title, bar_chart(bars, ident=ident, title=title, description=description, percent=True), rows)


def key_figures(run: SimulationRun) -> list[Figure]:
    result = run.results["result"]
    figures = [
        Figure(_("Meldingen per jaar (gesimuleerd)"), _num(result["calls_per_year"])),
    ]
    for u in result["urgencies"]:
        figures.append(
            Figure(
                _("%(code)s ter plaatse binnen %(minutes)s min")
                % {"code": u["code"], "minutes": _num(u["target_minutes"])},
                _pct(u["within_target"]),
            )
        )
        figures.append(
            Figure(
                _("%(code)s tijd tot ter plaatse: gemiddeld / mediaan / 90e percentiel (min)") % {"code": u["code"]},
                " / ".join(_num(u[k]) for k in ("response_mean", "response_median", "response_p90")),
            )
        )
    figures += [
        Figure(
            _("Politie wacht ter plaatse: gemiddeld / mediaan / 90e percentiel (min)"),
            " / ".join(_num(result[k]) for k in ("police_wait_mean", "police_wait_median", "police_wait_p90")),
        ),
        Figure(_("Politie-uren wachten per jaar"), _num(result["police_hours_per_year"])),
        Figure(_("Bezettingsgraad teams"), _pct(result["utilisation"])),
        Figure(
            _("Wachtrij: gemiddeld / hoogste (meldingen)"), f"{_num(result['queue_mean'], 2)} / {result['queue_max']}"
        ),
        Figure(_("Teamuren per week"), _num(result["team_hours_per_week"])),
        Figure(_("Formatie (fte)"), _num(run.results["fte"], 1)),
    ]
    if result["unserved"]:
        figures.append(Figure(_("Nooit bereikt (geen team in dienst)"), _num(result["unserved"])))
    return figures


def charts(run: SimulationRun, prefix: str = "") -> list[Chart]:
    result = run.results["result"]
    ident = f"{prefix}run{run.pk}"
    norms = {t["urgency"]: t["min_share"] for t in result["targets"]}
    within = [Bar(u["code"], u["within_target"] or 0.0) for u in result["urgencies"]]
    first_norm = next(iter(norms.values()), None)
    title = _("Op tijd ter plaatse per urgentie")
    out = [
        Chart(
            title,
            bar_chart(
                within,
                ident=f"{ident}-within",
                title=title,
                description=_("Aandeel meldingen waarbij het team binnen de responsnorm ter plaatse was."),
                percent=True,
                reference=first_norm,
                reference_label=_("norm"),
            ),
            [(b.label, _pct(b.value)) for b in within],
        )
    ]
    for u in result["urgencies"]:
        out.append(
            _histogram_chart(
                f"{ident}-hist-{u['code']}",
                _("%(code)s: tijd tot ter plaatse (min)") % {"code": u["code"]},
                _("Verdeling van de tijd van melding tot aankomst van het team."),
                u["histogram"],
            )
        )
    out.append(
        _histogram_chart(
            f"{ident}-police",
            _("Wachttijd politie tot overdracht (min)"),
            _("Verdeling van de tijd die agenten ter plaatse wachten tot de overdracht klaar is."),
            result["police_wait_histogram"],
        )
    )
    queue = [Bar(f"{h:02d}", v) for h, v in enumerate(result["queue_by_hour"])]
    title = _("Gemiddelde wachtrij per uur van de dag")
    out.append(
        Chart(
            title,
            bar_chart(
                queue,
                ident=f"{ident}-queue",
                title=title,
                description=_("Gemiddeld aantal meldingen dat op een vrij team wacht, per uur."),
            ),
            [(f"{b.label}:00", _num(b.value, 2)) for b in queue],
        )
    )
    bases = [Bar(name, value or 0.0) for name, value in result["utilisation_by_base"].items()]
    title = _("Bezettingsgraad per standplaats")
    out.append(
        Chart(
            title,
            bar_chart(
                bases,
                ident=f"{ident}-util",
                title=title,
                description=_("Deel van de diensttijd dat teams onderweg of ter plaatse zijn."),
                percent=True,
            ),
            [(b.label, _pct(b.value)) for b in bases],
        )
    )
    return out


def target_rows(run: SimulationRun) -> list[dict[str, Any]]:
    return [
        {**t, "share_text": _pct(t["share"]), "norm_text": _pct(t["min_share"])}
        for t in run.results["result"]["targets"]
    ]


def staffing_table(run: SimulationRun) -> dict[str, Any] | None:
    """Teams per shift (rows) and base (columns): the search's answer, or the scenario's own roster."""
    if run.results and "search" in run.results:
        cells = {(row["shift"], row["base"]): row["teams"] for row in run.results["search"]["staffing"]}
    else:
        cells = {(s["name"], base): n for s in run.parameters["shifts"] for base, n in s["teams"].items()}
    bases = [b["name"] for b in run.parameters["bases"]]
    shifts = run.parameters["shifts"]
    return {
        "bases": bases,
        "rows": [
            (f"{s['name']} ({s['start_hour']:02d}:00, {s['hours']} u)", [cells.get((s["name"], b), 0) for b in bases])
            for s in shifts
        ],
    }


def roster_warnings_text(run: SimulationRun) -> list[str]:
    """The warnings of core/warnings.py, in words for the page."""
    result = run.results["result"]
    texts = []
    for warning in roster_warnings(result, team_hours_per_week=float(result.get("team_hours_per_week") or 0)):
        if warning.code == "no_team":
            texts.append(
                _("Er is nooit een team in dienst: geen enkele melding wordt bereikt. Geef het rooster teams.")
            )
        elif warning.code == "unserved":
            texts.append(
                _("Op sommige uren is geen team in dienst: %(n)s meldingen in de simulatie zijn nooit bereikt.")
                % {"n": _num(warning.calls)}
            )
        else:
            texts.append(
                _(
                    "Dit rooster kan het werk niet aan (teams %(busy)s van de tijd bezig): de wachtrij groeit alleen. "
                    "De aanrijtijden en politie-uren hieronder meten dan de lengte van de simulatie, niet de regio. "
                    "Voeg teams toe."
                )
                % {"busy": _pct(warning.utilisation)}
            )
    return texts
