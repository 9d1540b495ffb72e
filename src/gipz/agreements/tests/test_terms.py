"""The agreement's content as pure data: validation and which row of the matrix a melding falls under."""

from __future__ import annotations

import pytest

from gipz.agreements.terms import (
    Party,
    SituationType,
    TermsError,
    acute_situation_type,
    default_terms,
    validate,
)


def test_default_terms_cover_every_situation_type_and_round_trip() -> None:
    terms = default_terms()
    assert set(terms.responsibilities) == set(SituationType)
    assert validate(terms.to_json()) == terms
    assert terms.targets.u2_minutes == 60 and terms.targets.u3_minutes == 240
    assert [level.code for level in terms.unsafe_levels] == ["1", "2", "3"]
    assert terms.unsafe_level("3") is not None and terms.unsafe_level("3").call_112  # type: ignore[union-attr]
    assert terms.unsafe_level("9") is None


def test_a_missing_row_is_refused_and_named() -> None:
    data = default_terms().to_json()
    del data["responsibilities"]["medical"]
    with pytest.raises(TermsError) as refused:
        validate(data)
    assert refused.value.field == "party_medical"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"u2_minutes": 0}, "u2_minutes"),
        ({"u3_minutes": "veel"}, "u3_minutes"),
        ({"u2_minutes": 300, "u3_minutes": 240}, "u3_minutes"),  # U2 may not be slower than U3
        ({"acknowledge_minutes": True}, "acknowledge_minutes"),  # a bool is not a number of minutes
    ],
)
def test_bad_targets_are_refused(change: dict[str, object], field: str) -> None:
    data = default_terms().to_json()
    data["targets"].update(change)
    with pytest.raises(TermsError) as refused:
        validate(data)
    assert refused.value.field == field


def test_levels_need_unique_codes_and_at_least_one() -> None:
    data = default_terms().to_json()
    data["unsafe_levels"][1]["code"] = "1"
    with pytest.raises(TermsError, match="één keer"):
        validate(data)
    data["unsafe_levels"] = []
    with pytest.raises(TermsError, match="ten minste één"):
        validate(data)


def test_a_contact_needs_a_phone() -> None:
    data = default_terms().to_json()
    data["contacts"] = [{"name": "OvD", "organisation": "Politie", "phone": " "}]
    with pytest.raises(TermsError) as refused:
        validate(data)
    assert refused.value.field == "contacts"


def test_unknown_party_is_refused() -> None:
    data = default_terms().to_json()
    data["responsibilities"]["medical"]["party"] = "brandweer"
    with pytest.raises(TermsError):
        validate(data)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"medical_emergency": True, "danger_to_others": True}, SituationType.MEDICAL),
        ({"danger_to_others": True, "danger_to_self": True}, SituationType.DANGER_TO_OTHERS),
        ({"danger_to_self": True, "offence": "yes"}, SituationType.DANGER_TO_SELF),
        ({"offence": "yes", "intoxication": True}, SituationType.CONFUSED_WITH_OFFENCE),
        ({"intoxication": True}, SituationType.INTOXICATION),
        ({"urgency": "U5"}, SituationType.NON_URGENT),
        ({}, SituationType.CONFUSED_NO_OFFENCE),
    ],
)
def test_acute_situation_type_takes_the_most_serious_answer(
    answers: dict[str, object], expected: SituationType
) -> None:
    base: dict[str, object] = {
        "medical_emergency": False,
        "danger_to_self": False,
        "danger_to_others": False,
        "offence": "no",
        "intoxication": False,
        "urgency": "U3",
    }
    assert acute_situation_type(**{**base, **answers}) == expected  # type: ignore[arg-type]


def test_the_default_sends_confused_behaviour_without_offence_to_the_crisis_service() -> None:
    assert default_terms().responsible_for(SituationType.CONFUSED_NO_OFFENCE).party == Party.CRISIS_SERVICE
