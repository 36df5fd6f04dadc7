"""The tag table: coverage, consistency with the tsv, FN-formed lists, enums."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sigmakkt.protocol.ffd.tags import (
    TAGS,
    TAGS_BY_JSON,
    DataType,
    Tag,
    doc_type_by_json,
    fn_formed_tags,
    is_fn_formed,
    tag_spec,
)
from sigmakkt.protocol.ffd.values import DocumentType, ItemType, Measure, PaymentMethod, VATRate

TSV = Path("/work/shared/reference/ffd-json-names.tsv")

# reference §5.4 rows and the list of the brief
REQUIRED = {
    1000, 1001, 1002, 1056, 1008, 1009, 1012, 1013, 1017, 1018, 1020, 1021, 1022, 1023, 1030,
    1031, 1081, 1036, 1037, 1038, 1040, 1041, 1042, 1043, 1046, 1048, 1050, 1051, 1052, 1053,
    1054, 1055, 1057, 1222, 1059, 1060, 1062, 1077, 1078, 1079, 1084, 1085, 1086, 1097, 1098,
    1116, 1101, 1205, *range(1102, 1108), 1108, 1109, 1110, 1126, 1193, 1207, 1221, 1111,
    1118, 1117, 1157, 1158, 1194, 1162, 1163, 1173, 1174, 1177, 1178, 1179, 1187, 1188, 1189,
    1190, 1209, 1192, 1197, 2108, 1199, 1200, 1203, 1206, 1212, 1214, 1213, 1215, 1216, 1217,
    1223, 1224, 1225, 1226, 1227, 1228, 1229, 1230, 1231, 1256, 1260, 1261, 1262, 1263, 1264,
    1265, 1270, 1271, 1272, 1290, 1291, 1292, 1293, 1294, 2000, 2100, 2101, 2102, 2106, 2107,
    2110, 2115, 2104,
}


def test_covers_required_and_every_tsv_row() -> None:
    assert REQUIRED - TAGS.keys() == set()
    with TSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) > 190
    for row in rows:
        assert int(row["tag"]) in TAGS, row


def test_tsv_names_kept_where_unique() -> None:
    assert TAGS[1040].json_name == "fiscalDocumentNumber"
    assert TAGS[1059].json_name == "items"
    assert TAGS[1020].json_name == "totalSum"
    assert TAGS[1041].json_name == "fiscalDriveNumber"
    assert TAGS[1055].json_name == "appliedTaxationType"
    assert TAGS[1062].json_name == "taxationType"
    assert doc_type_by_json("receipt") == 3
    assert doc_type_by_json("fiscalReport") == 1
    assert doc_type_by_json("items") is None


def test_json_names_unique_and_distinct_from_unknown_keys() -> None:
    fields = [s for s in TAGS.values() if not s.is_document]
    assert len({s.json_name for s in fields}) == len(fields)
    docs = [s for s in TAGS.values() if s.is_document]
    assert len({s.json_name for s in docs}) == len(docs)
    for spec in TAGS.values():
        assert re.fullmatch(r"[a-z][A-Za-z0-9]*", spec.json_name), spec
        assert not re.fullmatch(r"tag\d+", spec.json_name)
    assert set(TAGS_BY_JSON.values()) == set(fields)


def test_types_and_lengths() -> None:
    assert tag_spec(1077) is not None and tag_spec(1077).dtype is DataType.BYTES  # type: ignore[union-attr]
    assert TAGS[1077].max_len == 6
    assert TAGS[1023].dtype is DataType.FVLN and TAGS[1023].max_len == 8
    assert TAGS[1012].dtype is DataType.UNIXTIME
    assert TAGS[1040].dtype is DataType.UINT32
    assert TAGS[1213].dtype is DataType.UINT16
    assert TAGS[1020].dtype is DataType.VLN and TAGS[1020].max_len >= 6
    assert TAGS[1059].dtype is DataType.STLV and TAGS[1059].max_len == 1024
    assert TAGS[1030].max_len == 128 and TAGS[1041].max_len == 16 and TAGS[1018].max_len == 12
    assert TAGS[3].max_len == 32768 and TAGS[3].is_document
    assert tag_spec(4321) is None
    assert TAGS[1059].repeatable and not TAGS[1030].repeatable
    assert "1.2" in TAGS[2108].versions and "1.05" not in TAGS[2108].versions
    assert TAGS[1162].versions == {"1.05", "1.1"}


def test_tag_enum_matches_table() -> None:
    assert len(Tag) == len(TAGS)
    for spec in TAGS.values():
        assert Tag[spec.name] == spec.tag
    assert Tag.FISCAL_DOCUMENT_NUMBER == 1040 and Tag.ITEMS == 1059
    assert Tag.ITEMS_QUANTITY_MEASURE == 2108


def test_fn_formed_lists() -> None:
    ffd12 = {1001, 1002, 1012, 1017, 1018, 1020, 1037, 1038, 1040, 1041, 1042, 1050, 1051,
             1052, 1053, 1054, 1056, 1062, 1077, 1097, 1098, 1111, 1116, 1118,
             *range(1129, 1147), 1157, 1158, 1183, 1190, 1194, 1201, 1205, 1206, 1209, 1213,
             1218, 1219, 1220, 1232, 1233, 2106, 1290, 2116, 2104}
    assert fn_formed_tags("1.2") == ffd12
    assert fn_formed_tags("1.1") == (ffd12 - {2106, 2116, 2104, 1290}) | {
        1109, 1110, 1126, 1193, 1207, 1221}
    assert is_fn_formed(1040) and is_fn_formed(1040, "1.05")
    assert not is_fn_formed(1030) and not is_fn_formed(1059, "1.1")
    assert is_fn_formed(1020, "1.2") and not is_fn_formed(1020, "1.05")
    assert is_fn_formed(1109, "1.1") and not is_fn_formed(1109, "1.2")
    assert TAGS[1040].fn_formed == {"1.05", "1.1", "1.2"}
    with pytest.raises(ValueError):
        is_fn_formed(1040, "2.0")


def test_enums() -> None:
    assert [v.value for v in VATRate] == list(range(1, 13))
    assert VATRate.VAT22 == 11 and VATRate.VAT22_122 == 12
    assert [v.value for v in PaymentMethod] == list(range(1, 8))
    assert ItemType.COMMODITY == 1 and ItemType.EXCISE == 2 and ItemType.SERVICE == 4
    assert Measure.PIECE == 0 and Measure.KILOGRAM == 11 and Measure.OTHER == 255
    assert DocumentType.RECEIPT == 3 and DocumentType.OPERATOR_ACK == 7
    for d in DocumentType:
        assert TAGS[d].is_document
