"""The compatibility table: complete for reference §3.2, consistent with what execute() runs,
and identical to the one in docs/atol-json.rst."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigmakkt.atol import COMPATIBILITY, SUPPORTED_TASKS, Support, execute
from sigmakkt.atol.compat import rst_table
from sigmakkt.errors import Unsupported

DOC = Path(__file__).resolve().parents[2] / "docs" / "atol-json.rst"

#: atol-protocol reference §3.2, every task type.
REFERENCE_32_TEXT = """openShift closeShift reportX reportOfdExchangeStatus reportDepartments
reportFnRegistrations printLastReceiptCopy printFnDocument printDocumentsFromJournal continuePrint
sell sellReturn buy buyReturn sellCorrection sellReturnCorrection buyCorrection
buyReturnCorrection nonFiscal cashIn cashOut openCashDrawer getCashDrawerStatus getDeviceStatus
getDeviceInfo getShiftStatus getShiftTotals getOverallTotals getDepartmentSum getFnInfo
getFnStatus ofdExchangeStatus ismExchangeStatus getRegistrationInfo getFnDocument getLicenses
getMcu getDeviceParameters registration fnChange changeRegistrationParameters closeArchive
setDateTime setDeviceParameters uploadPictureCliche beginMarkingCodeValidation
getMarkingCodeValidationStatus acceptMarkingCode declineMarkingCode cancelMarkingCodeValidation
clearMarkingCodeValidationResult checkMarkingCodeValidationsReady validateMarks addMarksToBuffer
pingIsm checkImcWorkState checkImcTime"""
REFERENCE_32 = REFERENCE_32_TEXT.split()


def test_every_reference_type_is_listed_once() -> None:
    assert sorted(COMPATIBILITY) == sorted(REFERENCE_32)
    assert len(REFERENCE_32) == len(set(REFERENCE_32)) == 57


def test_table_matches_what_execute_runs() -> None:
    runnable = {n for n, c in COMPATIBILITY.items() if c.support is not Support.NOT}
    assert runnable == set(SUPPORTED_TASKS)
    for name, c in COMPATIBILITY.items():
        assert (c.support is Support.SUPPORTED) == (c.note == "") or c.support is Support.NOT, name


@pytest.mark.parametrize("name", [n for n, c in COMPATIBILITY.items()
                                  if c.support is Support.NOT])
def test_unsupported_types_say_so(name: str) -> None:
    with pytest.raises(Unsupported, match=name):
        execute(object(), {"type": name})


def test_docs_table_is_the_data() -> None:
    text = DOC.read_text(encoding="utf-8")
    begin = text.index(".. BEGIN COMPATIBILITY")
    start = text.index("\n\n", begin) + 2
    end = text.index("\n.. END COMPATIBILITY")
    assert text[start:end] == rst_table(), (
        "docs/atol-json.rst is stale: regenerate the table with sigmakkt.atol.compat.rst_table()")
