"""The rule pack: every rate, cap, minimum, band table, share and schedule as dated values with a source.

Modules: ``model`` (records and errors), ``readers`` (strict file reading), ``bounds`` (the program's plausibility
bounds, which no pack can loosen), ``tables`` (band tables, injury schedule, commutation factors), ``loader``
(a pack folder), ``fingerprint`` (content hashes, difference from the published pack), ``selftest`` (acceptance
cases) and ``office`` (which pack is in force).
"""

from __future__ import annotations

from estimator.engine.rules.fingerprint import ValueDiff, diff_packs
from estimator.engine.rules.loader import REQUIRED_PARAMETERS, load_pack, seal_pack
from estimator.engine.rules.model import (
    CONFIDENCES,
    PROVISIONAL_CONFIDENCES,
    Parameter,
    RuleNotInForce,
    RulePack,
    RulePackError,
    Value,
)
from estimator.engine.rules.office import (
    ORIGIN_ACCEPTED,
    ORIGIN_BUNDLED,
    ORIGIN_GIVEN,
    ORIGIN_OFFICE,
    apply_commutation_table,
    default_rules,
    load_bundled,
    load_rules,
    set_default_rules,
    set_pack_verifier,
)
from estimator.engine.rules.readers import MAX_PACK_FILE_BYTES
from estimator.engine.rules.selftest import SelfTestTools, run_self_test
from estimator.engine.rules.tables import (
    TABLE_LOADERS,
    Band,
    BandTable,
    CommutationTable,
    EisBand,
    Injury,
    LindungBand,
    load_band_table,
    load_commutation_table,
    load_eis_table,
    load_injury_schedule,
    load_lindung_table,
)

__all__ = [
    "CONFIDENCES",
    "MAX_PACK_FILE_BYTES",
    "ORIGIN_ACCEPTED",
    "ORIGIN_BUNDLED",
    "ORIGIN_GIVEN",
    "ORIGIN_OFFICE",
    "PROVISIONAL_CONFIDENCES",
    "REQUIRED_PARAMETERS",
    "TABLE_LOADERS",
    "Band",
    "BandTable",
    "CommutationTable",
    "EisBand",
    "Injury",
    "LindungBand",
    "Parameter",
    "RuleNotInForce",
    "RulePack",
    "RulePackError",
    "SelfTestTools",
    "Value",
    "ValueDiff",
    "apply_commutation_table",
    "default_rules",
    "diff_packs",
    "load_band_table",
    "load_bundled",
    "load_commutation_table",
    "load_eis_table",
    "load_injury_schedule",
    "load_lindung_table",
    "load_pack",
    "load_rules",
    "run_self_test",
    "seal_pack",
    "set_default_rules",
    "set_pack_verifier",
]
