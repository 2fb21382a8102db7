"""Measurements without a browser: the order of answers each list gives, and the compare pages' config."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from instruments import load_folder  # noqa: E402
from instruments.metingen import catalogue, levels, panel_config  # noqa: E402
from instruments.privacy import storage_rows  # noqa: E402


@pytest.fixture(scope="module")
def found():
    return load_folder(ROOT / "checklists")


def test_the_worst_answer_of_the_lists_own_rule_has_the_highest_level(found):
    # B16: 'Nee' before 'Deels' on the list 'Nog op te pakken'; 'Ja' and 'N.v.t.' are not bad.
    assert levels(found["inspectie-szw"])["1"] == {"oordeel": {"nee": 2, "deels": 1}}
    # B6: for unhealthy statements recognising them is bad, for healthy ones not recognising them.
    b6 = levels(found["stellingen-werkdrukcultuur"])
    categories = {i["id"]: i.get("category") for _, i in found["stellingen-werkdrukcultuur"].items()}
    for item, rule in b6.items():
        assert rule == ({"herkenbaar": {"ja": 2, "deels": 1}} if categories[item] == "ongezond" else {"herkenbaar": {"nee": 1}})
    # A ticked signal is the option 'true', as in team counts.
    b5 = levels(found["anders-dan-anders"])
    assert len(b5) == len(list(found["anders-dan-anders"].items()))
    assert all(r == {"herkend": {"true": 1}} for r in b5.values())


def test_every_checklist_item_has_an_order_and_the_config_names_where_measurements_are_kept(found):
    config = catalogue(found, lambda tool: f"{tool.id}/")
    ids = [i["id"] for i in config["instruments"]]
    # Every checklist, and of the forms only bijlage 13, whose counters are judged on a scale.
    assert "inspectie-szw" in ids and "baliewerkplekken" in ids and "plan-van-aanpak" not in ids
    for entry in config["instruments"]:
        assert set(entry["levels"]) == {i["id"] for i in entry["items"]}, entry["id"]
        assert entry["key"] == f"psa-werkboek:{entry['id']}:metingen"
        if found[entry["id"]].kind == "checklist":
            assert entry["key"] == found[entry["id"]].client_config()["storage"]["metingen"]
    b13 = next(e for e in config["instruments"] if e["id"] == "baliewerkplekken")
    assert b13["levels"]["positie-1"] == {"oordeel": {"niet": 2, "deels": 1}} and b13["minGroup"] == 1
    assert panel_config(found["anders-dan-anders"])["optin"] == "psa-werkboek:anders-dan-anders:bewaren"


def test_the_privacy_table_names_measurements_and_when_sensitive_ones_are_kept(found):
    rows = {r["id"]: r for r in storage_rows(found)}
    assert ("Metingen die u zelf bewaart: naam, datum en de gekozen antwoorden", "alleen als u dat aanzet") in rows["anders-dan-anders"]["kept"]
    assert any(what.startswith("Metingen") and "opgetelde aantallen van het team" in what for what, _ in rows["werkoverleg"]["kept"])
