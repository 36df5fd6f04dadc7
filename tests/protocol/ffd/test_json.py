"""The tax service's JSON form of documents."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from sigmakkt.errors import ValidationError
from sigmakkt.protocol.ffd import (
    Document,
    Field,
    decode_document,
    encode_document,
    json_dumps,
    json_loads,
)
from tests.protocol.ffd.test_document import RECEIPT_12, REGISTRATION_105

RECEIPT_12_JSON = {
    "receipt": {
        "fiscalDocumentFormatVer": 4,
        "operationType": 1,
        "appliedTaxationType": 1,
        "operator": "Иванова",
        "items": [
            {"name": "Молоко", "price": 8990, "quantity": Decimal("2.000"),
             "itemsQuantityMeasure": 0, "sum": 17980, "nds": 1, "ndsSum": 2997,
             "productType": 1, "paymentType": 4},
            {"name": "Хлеб", "price": 4550, "quantity": Decimal("0.500"),
             "itemsQuantityMeasure": 11, "sum": 2275, "nds": 2, "ndsSum": 207,
             "productType": 1, "paymentType": 4},
        ],
        "totalSum": 20255,
        "cashTotalSum": 20255,
        "ecashTotalSum": 0,
        "nds18": 2997,
        "nds10": 207,
        "buyerPhoneOrAddress": "+79990000000",
        "propertiesUser": [{"propertyName": "k", "propertyValue": "v"}],
        "fiscalDocumentNumber": 3,
        "fiscalSign": 2853205313,
    }
}


def test_receipt_to_json() -> None:
    assert decode_document(RECEIPT_12).to_json() == RECEIPT_12_JSON


def test_receipt_from_json_gives_the_same_bytes() -> None:
    assert encode_document(Document.from_json(RECEIPT_12_JSON)) == RECEIPT_12


def test_json_text_keeps_decimal_scale() -> None:
    text = json_dumps(RECEIPT_12_JSON)
    assert '"quantity": 2.000' in text and '"quantity": 0.500' in text
    assert json.loads(text)["receipt"]["totalSum"] == 20255  # plain JSON for everyone else
    back = Document.from_json(json_loads(text))
    assert encode_document(back) == RECEIPT_12


def test_registration_json_uses_unix_seconds() -> None:
    obj = decode_document(REGISTRATION_105).to_json()
    body = obj["fiscalReport"]
    assert body["dateTime"] == 1436418698
    assert body["fiscalDriveNumber"] == "9999078900004312"
    assert body["fiscalSign"] == 2853205313
    assert "fiscalSignPrefix" not in body
    assert encode_document(Document.from_json(obj)) == REGISTRATION_105


def test_aware_datetime_exports_its_wall_clock() -> None:
    msk = timezone(timedelta(hours=3))
    doc = Document(3, [Field(1012, datetime(2015, 7, 9, 5, 11, 38, tzinfo=msk))])
    assert doc.to_json() == {"receipt": {"dateTime": 1436418698}}


def test_iso_time_and_float_quantity_accepted() -> None:
    doc = Document.from_json({"receipt": {"dateTime": "2015-07-09T05:11:38",
                                          "items": {"quantity": 1.5}}})
    assert doc.fields == [Field(1012, datetime(2015, 7, 9, 5, 11, 38)),
                          Field(1059, [Field(1023, Decimal("1.5"))])]


def test_unknown_tags_and_doc_types_in_json() -> None:
    doc = Document(99, [Field(9999, b"\x01\xff"), Field(1040, 7), Field(9999, b"")])
    obj = doc.to_json()
    assert obj == {"tag99": {"tag9999": ["01ff", ""], "fiscalDocumentNumber": 7}}
    back = Document.from_json(obj)
    assert back == Document(99, [Field(9999, b"\x01\xff"), Field(9999, b""), Field(1040, 7)])


def test_fiscal_sign_prefix_kept() -> None:
    doc = Document(3, [Field(1077, bytes.fromhex("0000aa107541"))])
    obj = doc.to_json()
    assert obj == {"receipt": {"fiscalSign": 2853205313, "fiscalSignPrefix": "0000"}}
    assert Document.from_json(obj) == doc
    odd = Document(3, [Field(1077, b"\x01\x02")])
    assert odd.to_json() == {"receipt": {"fiscalSign": "0102"}}
    assert Document.from_json(odd.to_json()) == odd


@pytest.mark.parametrize(("obj", "name"), [
    ({"nonsense": {}}, "nonsense"),
    ({"receipt": {"noSuchField": 1}}, "noSuchField"),
    ({"receipt": {"totalSum": "12"}}, "totalSum"),
    ({"receipt": {"fiscalDocumentNumber": True}}, "fiscalDocumentNumber"),
    ({"receipt": {"operator": 5}}, "operator"),
    ({"receipt": {"dateTime": "yesterday"}}, "dateTime"),
    ({"receipt": {"quantity": "many"}}, "quantity"),
    ({"receipt": {"operatorSign": "zz"}}, "operatorSign"),
    ({"receipt": {"name": {"x": 1}}}, "name"),
    ({"receipt": []}, "receipt"),
])
def test_bad_json_names_the_field(obj: dict[str, object], name: str) -> None:
    with pytest.raises(ValidationError) as err:
        Document.from_json(obj)
    assert err.value.field == name


def test_from_json_then_encode_validates_cp866() -> None:
    doc = Document.from_json({"receipt": {"operator": "Иванова ✓"}})
    with pytest.raises(ValidationError, match="tag 1021"):
        encode_document(doc)
