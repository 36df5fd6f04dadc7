"""Task texts used by the ATOL tests. SELL_35 is the sell task of atol-protocol reference §3.5,
written as JSON text exactly as a client would send it."""

from __future__ import annotations

SELL_35 = """{
  "type": "sell",
  "taxationType": "osn",
  "electronically": false,
  "ignoreNonFiscalPrintErrors": false,
  "operator": {"name": "Иванов И.И.", "vatin": "123654789507"},
  "clientInfo": {"emailOrPhone": "+79001234567"},
  "items": [
    {"type": "position", "name": "Молоко 1 л", "price": 89.90, "quantity": 2,
     "amount": 179.80, "measurementUnit": "piece", "paymentMethod": "fullPayment",
     "paymentObject": "commodity", "tax": {"type": "vat20"}},
    {"type": "text", "text": "Спасибо за покупку", "alignment": "center"}
  ],
  "payments": [{"type": "electronically", "sum": 179.80}],
  "total": 179.80
}"""

#: The keys of a receipt result's fiscalParams (§3.6).
FISCAL_PARAMS_36 = {"fiscalDocumentDateTime", "fiscalDocumentNumber", "fiscalDocumentSign",
                    "fiscalReceiptNumber", "fnNumber", "registrationNumber", "shiftNumber",
                    "total", "fnsUrl"}
