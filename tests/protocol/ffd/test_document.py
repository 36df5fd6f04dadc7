"""Whole documents built by hand from the tag table, byte by byte, then decoded and encoded."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.ffd import (
    Document,
    DocumentType,
    Field,
    Tag,
    decode_document,
    decode_fields,
    encode_document,
    encode_fields,
)

# FFD 1.05 registration report (document type 1). Each line: tag LE, length LE, value.
REGISTRATION_105 = bytes.fromhex(
    "01008800"                                  # STLV tag 1 (registration report), 136 bytes
    "f40304008a029e55"                          # 1012 dateTime  UnixTime 1436418698
    "18040b008e8e8e2090aeaca0e8aaa0"            # 1048 user  "ООО Ромашка" CP866
    "fa030c00373730373038333839332020"          # 1018 userInn "7707083893  "
    "0d04140031323334353637383930313233343536"  # 1037 kktRegId "1234567890123456" …
    "20202020"                                  #      … + 4 spaces (20 bytes)
    "f5030a0030363230303030303031"              # 1013 kktNumber "0620000001"
    "1104100039393939303738393030303034333132"  # 1041 fiscalDriveNumber "9999078900004312"
    "1004040001000000"                          # 1040 fiscalDocumentNumber 1
    "2604010001"                                # 1062 taxationType 1 (ОСН)
    "b904010002"                                # 1209 FFD version 2 (1.05)
    "350406002104aa107541"                      # 1077 fiscalSign 21 04 AA 10 75 41
    "fd03070088a2a0adaea2a0"                    # 1021 operator "Иванова"
)

REGISTRATION_105_FIELDS = [
    Field(1012, datetime(2015, 7, 9, 5, 11, 38)),
    Field(1048, "ООО Ромашка"),
    Field(1018, "7707083893  "),
    Field(1037, "1234567890123456    "),
    Field(1013, "0620000001"),
    Field(1041, "9999078900004312"),
    Field(1040, 1),
    Field(1062, 1),
    Field(1209, 2),
    Field(1077, bytes.fromhex("2104aa107541")),
    Field(1021, "Иванова"),
]

# FFD 1.2 receipt (document type 3) with two items.
RECEIPT_12 = bytes.fromhex(
    "0300d900"                  # STLV tag 3 (receipt), 217 bytes
    "b904010004"                # 1209 FFD version 4 (1.2)
    "1e04010001"                # 1054 operationType 1 (sale)
    "1f04010001"                # 1055 appliedTaxationType 1
    "fd03070088a2a0adaea2a0"    # 1021 operator "Иванова"
    "23043700"                  # 1059 item, 55 bytes:
    "060406008caeabaeaaae"      #   1030 name "Молоко"
    "370402001e23"              #   1079 price 8990 kopecks
    "ff03030003d007"            #   1023 quantity FVLN 2.000 (3 decimals, 2000)
    "3c08010000"                #   2108 measure 0 (pieces)
    "130402003c46"              #   1043 sum 17980
    "af04010001"                #   1199 VAT rate 1 (20 %)
    "b0040200b50b"              #   1200 VAT sum 2997
    "bc04010001"                #   1212 item type 1 (commodity)
    "be04010004"                #   1214 payment method 4 (full payment)
    "23043400"                  # 1059 item, 52 bytes:
    "0604040095aba5a1"          #   1030 name "Хлеб"
    "37040200c611"              #   1079 price 4550
    "ff03030003f401"            #   1023 quantity FVLN 0.500
    "3c0801000b"                #   2108 measure 11 (kg)
    "13040200e308"              #   1043 sum 2275
    "af04010002"                #   1199 VAT rate 2 (10 %)
    "b0040100cf"                #   1200 VAT sum 207
    "bc04010001"                #   1212 item type 1
    "be04010004"                #   1214 payment method 4
    "fc0302001f4f"              # 1020 totalSum 20255
    "070402001f4f"              # 1031 cashTotalSum 20255
    "3904010000"                # 1081 ecashTotalSum 0
    "4e040200b50b"              # 1102 nds18 (20 %) 2997
    "4f040100cf"                # 1103 nds10 207
    "f0030c002b3739393930303030303030"  # 1008 buyer "+79990000000"
    "3c040a00"                  # 1084 propertiesUser, 10 bytes:
    "3d0401006b"                #   1085 propertyName "k"
    "3e04010076"                #   1086 propertyValue "v"
    "1004040003000000"          # 1040 fiscalDocumentNumber 3
    "350406002104aa107541"      # 1077 fiscalSign
)

RECEIPT_12_FIELDS = [
    Field(1209, 4),
    Field(1054, 1),
    Field(1055, 1),
    Field(1021, "Иванова"),
    Field(1059, [Field(1030, "Молоко"), Field(1079, 8990), Field(1023, Decimal("2.000")),
                 Field(2108, 0), Field(1043, 17980), Field(1199, 1), Field(1200, 2997),
                 Field(1212, 1), Field(1214, 4)]),
    Field(1059, [Field(1030, "Хлеб"), Field(1079, 4550), Field(1023, Decimal("0.500")),
                 Field(2108, 11), Field(1043, 2275), Field(1199, 2), Field(1200, 207),
                 Field(1212, 1), Field(1214, 4)]),
    Field(1020, 20255),
    Field(1031, 20255),
    Field(1081, 0),
    Field(1102, 2997),
    Field(1103, 207),
    Field(1008, "+79990000000"),
    Field(1084, [Field(1085, "k"), Field(1086, "v")]),
    Field(1040, 3),
    Field(1077, bytes.fromhex("2104aa107541")),
]


def test_registration_report_105_decodes() -> None:
    doc = decode_document(REGISTRATION_105)
    assert doc.doc_type == DocumentType.REGISTRATION
    assert doc.fields == REGISTRATION_105_FIELDS
    assert doc.fiscal_sign == 2853205313
    assert doc.ffd_version == "1.05"


def test_registration_report_105_encodes() -> None:
    assert encode_document(Document(1, REGISTRATION_105_FIELDS)) == REGISTRATION_105


def test_receipt_12_decodes() -> None:
    doc = decode_document(RECEIPT_12)
    assert doc.doc_type == DocumentType.RECEIPT
    assert doc.fields == RECEIPT_12_FIELDS
    assert str(doc.items[0].get(Tag.QUANTITY)) == "2.000"
    assert [i.get(Tag.NAME) for i in doc.items] == ["Молоко", "Хлеб"]
    assert doc.items[1].get_all(Tag.ITEMS_QUANTITY_MEASURE) == [11]
    assert doc.get(Tag.TOTAL_SUM) == 20255
    assert doc.get_all(Tag.ITEMS) == [f.value for f in doc.items]
    assert doc.get(9999) is None
    assert doc.ffd_version == "1.2"


def test_receipt_12_encodes() -> None:
    doc = Document(3, RECEIPT_12_FIELDS)
    assert encode_document(doc) == RECEIPT_12
    assert doc.to_bytes() == RECEIPT_12


def test_fields_as_sent_with_07h() -> None:
    body = RECEIPT_12[4:]
    assert decode_fields(body) == RECEIPT_12_FIELDS
    assert encode_fields(RECEIPT_12_FIELDS) == body


def test_unknown_tags_survive_as_bytes() -> None:
    # 9999 is not in the table: its value stays raw, even beside known tags and inside an STLV
    data = bytes.fromhex("03001a00" "0f27030001 0203" "1004040003000000" "23040700" "0f270300aabbcc"
                         .replace(" ", ""))
    doc = decode_document(data)
    assert doc.fields == [Field(9999, b"\x01\x02\x03"), Field(1040, 3),
                          Field(1059, [Field(9999, b"\xaa\xbb\xcc")])]
    assert encode_document(doc) == data


def test_known_tag_with_bad_length_is_decode_error() -> None:
    # 1040 is a Uint32; 3 bytes cannot be one
    with pytest.raises(DecodeError, match="1040"):
        decode_document(bytes.fromhex("0300070010040300aabbcc"))


def test_unknown_tags_round_trip() -> None:
    data = bytes.fromhex("030007000f2703000102 03".replace(" ", ""))
    doc = decode_document(data)
    assert doc.fields == [Field(9999, b"\x01\x02\x03")]
    assert encode_document(doc) == data


def test_too_long_value_names_the_tag() -> None:
    with pytest.raises(ValidationError, match="tag 1030") as err:
        encode_fields([Field(1059, [Field(1030, "я" * 129)])])
    assert err.value.field == "tag 1030"
    raw = bytes.fromhex("06048100") + "я".encode("cp866") * 129
    with pytest.raises(ValidationError, match="tag 1030"):
        decode_fields(raw)


def test_cp866_violation_names_the_tag() -> None:
    with pytest.raises(ValidationError, match="tag 1048"):
        encode_fields([Field(1048, "ООО «Ромашка»")])


def test_type_mismatch_is_validation_error() -> None:
    with pytest.raises(ValidationError, match="tag 1040"):
        encode_fields([Field(1040, "3")])
    with pytest.raises(ValidationError, match="tag 1030"):
        encode_fields([Field(1030, [Field(1040, 1)])])
    with pytest.raises(ValidationError, match="tag 9999"):
        encode_fields([Field(9999, 5)])


def test_document_wrapper_errors() -> None:
    with pytest.raises(DecodeError):
        decode_document(b"")
    with pytest.raises(DecodeError, match="after"):
        decode_document(RECEIPT_12 + b"\x00")
    with pytest.raises(DecodeError):
        decode_document(RECEIPT_12[:-1])


def test_nesting_limit() -> None:
    data = b""
    for _ in range(20):
        data = bytes.fromhex("2304") + len(data).to_bytes(2, "little") + data
    with pytest.raises(DecodeError, match="nested"):
        decode_fields(data)
    # 1059 inside 1059 a few levels deep is fine for the codec (the FN checks semantics)
    shallow = bytes.fromhex("230404002304 0000".replace(" ", ""))
    assert decode_fields(shallow) == [Field(1059, [Field(1059, [])])]
