"""Turns a run's stored results into what the pages show: key figures, tables and charts (no queries here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gipz.core.charts import Bar, bar_chart
from gipz.simulation.core import presets
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
        Figure(_("Overwerk: uren per jaar om een melding af te maken"), _num(result.get("overtime_hours_per_year"))),
        Figure(_("Formatie (fte, met dienstoverdracht en overwerk)"), _num(run.results["fte"], 1)),
    ]
    if result["unserved"]:
        figures.append(Figure(_("Nooit bereikt (geen team in dienst)"), _num(result["unserved"])))
    return figures


FUNNEL_LABELS = {
    "needs_crisis_service": gettext_lazy("Heeft de crisisdienst nodig"),
    "not_resolved_by_phone": gettext_lazy("Niet telefonisch afgehandeld"),
    "seen_in_person": gettext_lazy("Persoonlijk gezien"),
}


# The default steps' sources, worded for the page (the model carries them in English, as docs/simulation.md does).
DEFAULT_SOURCES = {
    "needs_crisis_service": gettext_lazy(
        "Aanname: maar een deel van de E33-registraties betreft een psychische stoornis (ministerie van JenV, 2022); "
        "de drie stappen samen geven contacten ÷ registraties van 2021 (0,365)."
    ),
    "not_resolved_by_phone": gettext_lazy(
        "Aanname binnen de uitkomsten van triage bij ggz-crisisdiensten (Trimbos-instituut, monitor "
        "GGz-triagewijzer, 2018): de meeste getrieerde aanvragen leiden tot een beoordeling."
    ),
    "seen_in_person": gettext_lazy(
        "GGNet-crisisdienst 2023: 56 procent ter plaatse en 26 procent thuis gezien (samen 82) van de aanvragen "
        "met hoge urgentie."
    ),
}


@dataclass(frozen=True)
class FunnelRow:
    label: str
    share: str
    range: str
    count: str  # calls a year left after this step
    source: str


def funnel_rows(run: SimulationRun) -> list[FunnelRow]:
    """The demand funnel the run used: registrations, each step with its range and source, and what is left."""
    steps = run.parameters.get("demand") or []
    if not steps:
        return []
    left = sum(m["arrivals_per_year"] for m in run.parameters["municipalities"])
    rows = [FunnelRow(str(_("Registraties of aanmeldingen per jaar")), "", "", _num(left), "")]
    defaults = {step["code"]: step["source"] for step in presets.DEFAULT_FUNNEL}
    for step in steps:
        left *= step["share"]
        source = step["source"]
        if step["code"] in DEFAULT_SOURCES and source == defaults.get(step["code"]):
            source = str(DEFAULT_SOURCES[step["code"]])
        rows.append(
            FunnelRow(
                str(FUNNEL_LABELS.get(step["code"], step["code"])),
                _pct(step["share"]),
                f"{_pct(step['low'])} – {_pct(step['high'])}",
                _num(left),
                source,
            )
        )
    return rows


def police_rows(run: SimulationRun) -> list[Figure]:
    """The police picture beside the crisis FTE: who handles the calls, and the officer-hours the team frees."""
    police = run.results["result"].get("police") or {}
    if police.get("officer_hours_freed") is None:
        return []
    return [
        Figure(_("Alleen politie (niet voor de crisisdienst): meldingen per jaar"), _num(police["police_only"])),
        Figure(_("Politie met het team ter plaatse: meldingen per jaar"), _num(police["police_with_team"])),
        Figure(_("Alleen het team: meldingen per jaar"), _num(police["team_only"])),
        Figure(_("Politie-uren zonder crisisteam (per jaar)"), _num(police["officer_hours_without_team"])),
        Figure(
            _("Politie-uren met crisisteam (wachten en overdracht, per jaar)"), _num(police["officer_hours_with_team"])
        ),
        Figure(_("Vrijgekomen politie-uren per jaar"), _num(police["officer_hours_freed"])),
        Figure(_("Dat is, in fte politie"), _num(police["officer_fte_freed"], 1)),
        Figure(_("Daartegenover: fte crisisdienst"), _num(run.results["fte"], 1)),
    ]


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
