"""The FFD tag table: every tag's number, names, data type, maximum length and versions.

Sources (facts, not code):

* JSON names, types and maximum lengths of FFD 1.0–1.1: ``reference/ffd-json-names.tsv`` (the
  tag dictionary of the open-source ``yandex/ofd`` library).
* FFD 1.2 types, maximum lengths and JSON names: fn-protocol reference §5.4 and its source S6,
  the tag table of a Rust "fiscal-data" crate (read through the code search corpus; it cites
  the FNS FFD 1.2 tables). Where the tsv and S6 disagree on a length the larger is kept, so a
  document valid in either format decodes; where they disagree on a JSON name the tsv wins
  (e.g. 1009 ``retailAddress``, S6 ``retailPlaceAddress``; 1084 ``propertiesUser``, S6
  ``properties``).
* Type corrections against the tsv, all per S6: 1077 is a 6-byte ByteArray (the tsv calls it
  VLN; reference §6), 1213 is Uint16 (tsv: U32), 1205 a Uint32 bitmask.
* FN-formed tags: FFD 1.2 list of reference §5.4 (S2 §5.3–5.4); FFD 1.1 adds 1109, 1110, 1126,
  1193, 1207, 1221 and lacks the marking tags (2104, 2106, 2116) and 1290. For FFD 1.05 we take
  the 1.1 list without 1017, 1020, 1054 (the KKT still sent those in 1.05, reference §5.4),
  without 1205/1232/1233 (tags of FFD 1.1: 1232/1233 count corrections of the return types,
  which 1.05 corrections cannot have) and with 1101: this 1.05 list is our reading, UNCERTAIN.
* Versions: tags 1162, 1197, 1108–1110, 1126, 1193, 1207, 1221 end with FFD 1.1 (1.2 replaces
  them by 1163, 2108 and the 1290 bits); 1101, 1177 are FFD 1.05 only; 1205, 1232, 1233 start
  with 1.1; 81–84, 1163, 1227–1231, 1243–1294, 1300–1325 and 2000–2116 are FFD 1.2. UNCERTAIN
  in detail (reference §5.4 gives no per-version list).

JSON names chosen here (the lower tag number keeps a name two tags share; document types are a
separate namespace, so 1133 keeps ``receiptCorrection`` beside document 31):

* shared names in the tsv: 1055 ``appliedTaxationType`` (as in S6; 1062 keeps
  ``taxationType``), 1135 ``receiptBsoCount`` (S6), 1201 ``totalSumCounters`` (1020 keeps
  ``totalSum``), 1218/1219/1220 ``prepaidSumTotal``/``creditSumTotal``/``provisionSumTotal``.
  Tags with two tsv rows take the first: 1005, 1016, 1026, 1044, 1074, 1075, 1191.
* tsv rows named ``<unknown-…>``, ``…-del`` or by number: 1003 bankAgentAddress,
  1004 bankSubagentAddress, 1006 paymentAgentAddress, 1007 paymentSubagentAddress,
  1011 paymentAgentRemunerationOld, 1014 stringValue, 1015 intValue, 1019 infoMessage,
  1024 bankAgentName, 1025 bankSubagentName, 1027 paymentAgentName, 1028 paymentSubagentName,
  1029 propertyTitle, 1032 tax, 1033 taxes, 1039 reserved1039, 1047 settingParameter,
  1049 postalCode, 1058 bankAgentType, 1065 taxShortName, 1066 message, 1067 messageToKkt,
  1069 messageToOperator, 1070 taxRate, 1072 taxSum, 1078 operatorSign,
  1147 correctionOperationsCount, 1195 sellerAddressOld, 1196 qrCode, 1208 receiptSite,
  1210 kktModes.
* FFD 1.1/1.2 tags take S6's JSON name where it has one (1163, 1227–1233, 1243–1265,
  1270–1272, 1274–1277, 1280, 1281, 1290–1325, 2102, 2104, 2106–2108, 2115). Our own where S6
  has none or repeats another tag's: 1273 operationDateTime (S6 reuses ``dateTime``),
  1278/1279 additionalPropsCS/additionalDataCS, 1282/1283 additionalPropsCA/additionalDataCA,
  2000 markingCode, 2001 markingRequestNumber, 2002 notificationNumber, 2003
  plannedProductStatus, 2004 markingCheckResult, 2005 requestProcessingResults, 2006
  notificationProcessingResults, 2007 markingNotificationData, 2100 markingCodeType, 2101
  productId, 2105 requestProcessingCode, 2109 productStatusResponse, 2110
  assignedProductStatus, 2111 notificationProcessingCodes, 2112 incorrectMarkingCodesSign, 2113
  incorrectRequestsAndNotificationsSign, 2114 requestDateTime, 2116 workType; document types
  81–84 markingCodeRequest, markingNotification, markingCodeResponse,
  markingNotificationReceipt.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sigmakkt.protocol.ffd.types import DataType
from sigmakkt.protocol.ffd.values import DocumentType

__all__ = [
    "ALL_VERSIONS",
    "FFD_VERSIONS",
    "TAGS",
    "TAGS_BY_JSON",
    "DocType",
    "Tag",
    "TagSpec",
    "doc_type_by_json",
    "fn_formed_tags",
    "is_fn_formed",
    "tag_spec",
]

#: FFD versions as the strings the table uses.
FFD_VERSIONS = ("1.05", "1.1", "1.2")
ALL_VERSIONS: frozenset[str] = frozenset(FFD_VERSIONS)


@dataclass(frozen=True, slots=True)
class TagSpec:
    """One row of the tag table.

    ``max_len`` is the largest value length in bytes; ``versions`` the FFD versions that define
    the tag; ``fn_formed`` the versions in which the FN itself forms the tag (the KKT must not
    send it); ``repeatable`` whether a document may hold it more than once (such tags are JSON
    arrays).
    """

    tag: int
    name: str
    json_name: str
    dtype: DataType
    max_len: int
    versions: frozenset[str]
    fn_formed: frozenset[str]
    repeatable: bool
    description: str

    @property
    def is_document(self) -> bool:
        """True for the document-type tags (1..84), whose value is a whole document."""
        return self.tag < 100


# tag | identifier | JSON name | type | max bytes | Russian description
_ROWS = """
1|FISCAL_REPORT|fiscalReport|STLV|6144|Отчёт о фискализации
2|OPEN_SHIFT|openShift|STLV|4096|Отчёт об открытии смены
3|RECEIPT|receipt|STLV|32768|Кассовый чек
4|BSO|bso|STLV|32768|Бланк строгой отчетности
5|CLOSE_SHIFT|closeShift|STLV|4096|Отчёт о закрытии смены
6|CLOSE_ARCHIVE|closeArchive|STLV|4096|Отчёт о закрытии фискального накопителя
7|OPERATOR_ACK|operatorAck|STLV|512|подтверждение оператора
11|FISCAL_REPORT_CORRECTION|fiscalReportCorrection|STLV|6144|Отчёт об изменении параметров регис\
трации
21|CURRENT_STATE_REPORT|currentStateReport|STLV|32768|Отчёт о текущем состоянии расчетов
31|RECEIPT_CORRECTION|receiptCorrection|STLV|32768|Кассовый чек коррекции
41|BSO_CORRECTION|bsoCorrection|STLV|32768|Бланк строгой отчетности коррекции
81|MARKING_CODE_REQUEST|markingCodeRequest|STLV|4096|Запрос о коде маркировки
82|MARKING_NOTIFICATION|markingNotification|STLV|32768|Уведомление о реализации маркированного т\
овара
83|MARKING_CODE_RESPONSE|markingCodeResponse|STLV|512|Ответ на запрос о коде маркировки
84|MARKING_NOTIFICATION_RECEIPT|markingNotificationReceipt|STLV|512|Квитанция на уведомление
1000|DOC_NAME|docName|String|256|наименование документа
1001|AUTO_MODE|autoMode|Byte|1|автоматический режим
1002|OFFLINE_MODE|offlineMode|Byte|1|автономный режим
1003|BANK_AGENT_ADDRESS|bankAgentAddress|String|256|адрес банковского агента
1004|BANK_SUBAGENT_ADDRESS|bankSubagentAddress|String|256|адрес банковского субагента
1005|OPERATOR_TRANSFER_ADDRESS|operatorTransferAddress|String|256|адрес оператора по переводу
1006|PAYMENT_AGENT_ADDRESS|paymentAgentAddress|String|256|адрес платежного агента
1007|PAYMENT_SUBAGENT_ADDRESS|paymentSubagentAddress|String|256|адрес платежного субагента
1008|BUYER_PHONE_OR_ADDRESS|buyerPhoneOrAddress|String|64|адрес покупателя
1009|RETAIL_ADDRESS|retailAddress|String|256|адрес (место) расчетов
1010|PAYMENT_AGENT_REMUNERATION|paymentAgentRemuneration|VLN|8|Размер вознаграждения банковского\
 агента (субагента)
1011|PAYMENT_AGENT_REMUNERATION_OLD|paymentAgentRemunerationOld|VLN|8|Размер вознаграждения плат\
ежного агента (субагента)
1012|DATE_TIME|dateTime|UnixTime|4|дата, время
1013|KKT_NUMBER|kktNumber|String|20|Заводской номер ККТ
1014|STRING_VALUE|stringValue|String|64|значение типа строка
1015|INT_VALUE|intValue|Uint32|4|значение типа целое
1016|OPERATOR_TRANSFER_INN|operatorTransferInn|String|12|ИНН оператора по переводу денежных средств
1017|OFD_INN|ofdInn|String|12|ИНН ОФД
1018|USER_INN|userInn|String|12|ИНН пользователя
1019|INFO_MESSAGE|infoMessage|String|64|Информационное cообщение
1020|TOTAL_SUM|totalSum|VLN|8|ИТОГ
1021|OPERATOR|operator|String|64|Кассир
1022|OFD_RESPONSE_CODE|ofdResponseCode|Byte|1|код ответа ОФД
1023|QUANTITY|quantity|FVLN|8|Количество
1024|BANK_AGENT_NAME|bankAgentName|String|64|Наименование банковского агента
1025|BANK_SUBAGENT_NAME|bankSubagentName|String|64|Наименование банковского субагента
1026|OPERATOR_TRANSFER_NAME|operatorTransferName|String|64|Наименование оператора по переводу де\
нежных средств
1027|PAYMENT_AGENT_NAME|paymentAgentName|String|64|Наименование платежного агента
1028|PAYMENT_SUBAGENT_NAME|paymentSubagentName|String|64|Наименование платежного субагента
1029|PROPERTY_TITLE|propertyTitle|String|64|наименование реквизита
1030|NAME|name|String|128|Наименование товара
1031|CASH_TOTAL_SUM|cashTotalSum|VLN|8|Наличными
1032|TAX|tax|STLV|33|Налог
1033|TAXES|taxes|STLV|33|Налоги
1034|MARKUP|markup|FVLN|8|Наценка (ставка)
1035|MARKUP_SUM|markupSum|VLN|8|Наценка (сумма)
1036|MACHINE_NUMBER|machineNumber|String|20|Номер автомата
1037|KKT_REG_ID|kktRegId|String|20|Номер ККТ
1038|SHIFT_NUMBER|shiftNumber|Uint32|4|Номер смены
1039|RESERVED1039|reserved1039|String|12|Зарезервирован
1040|FISCAL_DOCUMENT_NUMBER|fiscalDocumentNumber|Uint32|4|номер фискального документа
1041|FISCAL_DRIVE_NUMBER|fiscalDriveNumber|String|16|заводской номер фискального накопителя
1042|REQUEST_NUMBER|requestNumber|Uint32|4|номер чека за смену
1043|SUM|sum|VLN|8|Общая стоимость позиции с учетом скидок и наценок
1044|PAYMENT_AGENT_OPERATION|paymentAgentOperation|String|24|Операция банковского агента
1045|BANK_SUBAGENT_OPERATION|bankSubagentOperation|String|24|операция банковского субагента
1046|OFD_NAME|ofdName|String|256|ОФД
1047|SETTING_PARAMETER|settingParameter|STLV|144|параметр настройки
1048|USER|user|String|256|наименование пользователя
1049|POSTAL_CODE|postalCode|String|6|Почтовый индекс
1050|FISCAL_DRIVE_EXHAUSTION_SIGN|fiscalDriveExhaustionSign|Byte|1|Признак исчерпания ресурса ФН
1051|FISCAL_DRIVE_REPLACE_REQUIRED_SIGN|fiscalDriveReplaceRequiredSign|Byte|1|Признак необходимо\
сти срочной замены ФН
1052|FISCAL_DRIVE_MEMORY_EXCEEDED_SIGN|fiscalDriveMemoryExceededSign|Byte|1|Признак переполнения\
 памяти ФН
1053|OFD_RESPONSE_TIMEOUT_SIGN|ofdResponseTimeoutSign|Byte|1|Признак превышения времени ожидания\
 ответа ОФД
1054|OPERATION_TYPE|operationType|Byte|1|Признак расчета
1055|APPLIED_TAXATION_TYPE|appliedTaxationType|Byte|1|применяемая система налогообложения
1056|ENCRYPTION_SIGN|encryptionSign|Byte|1|Признак шифрования
1057|PAYMENT_AGENT_TYPE|paymentAgentType|Byte|1|Применение платежными агентами (субагентами)
1058|BANK_AGENT_TYPE|bankAgentType|Byte|1|Применение банковскими агентами (субагентами)
1059|ITEMS|items|STLV|1024|наименование товара (реквизиты)
1060|FNS_SITE|fnsSite|String|256|Сайт налогового органа
1061|OFD_SITE|ofdSite|String|64|Сайт ОФД
1062|TAXATION_TYPE|taxationType|Byte|1|системы налогообложения
1063|DISCOUNT|discount|FVLN|8|Скидка (ставка)
1064|DISCOUNT_SUM|discountSum|VLN|8|Скидка (сумма)
1065|TAX_SHORT_NAME|taxShortName|String|10|Сокращенное наименование налога
1066|MESSAGE|message|String|256|Сообщение
1067|MESSAGE_TO_KKT|messageToKkt|STLV|216|Сообщение оператора для ККТ
1068|MESSAGE_TO_FN|messageToFn|STLV|169|сообщение оператора для ФН
1069|MESSAGE_TO_OPERATOR|messageToOperator|STLV|328|Сообщение оператору
1070|TAX_RATE|taxRate|FVLN|5|Ставка налога
1071|STORNO_ITEMS|stornoItems|STLV|328|сторно товара (реквизиты)
1072|TAX_SUM|taxSum|VLN|8|Сумма налога
1073|PAYMENT_AGENT_PHONE|paymentAgentPhone|String|19|Телефон банковского агента
1074|OPERATOR_TO_RECEIVE_PHONE|operatorToReceivePhone|String|19|Телефон платежного агента
1075|OPERATOR_PHONE_TO_TRANSFER|operatorPhoneToTransfer|String|19|Телефон оператора по переводу \
денежных средств
1076|TYPE|type|String|64|Тип сообщения
1077|FISCAL_SIGN|fiscalSign|ByteArray|6|фискальный признак документа
1078|OPERATOR_SIGN|operatorSign|ByteArray|18|фискальный признак оператора
1079|PRICE|price|VLN|8|Цена за единицу
1080|BARCODE|barcode|String|16|Штриховой код EAN13
1081|ECASH_TOTAL_SUM|ecashTotalSum|VLN|8|форма расчета – электронными
1082|BANK_SUBAGENT_PHONE|bankSubagentPhone|String|19|телефон банковского субагента
1083|PAYMENT_SUBAGENT_PHONE|paymentSubagentPhone|String|19|телефон платежного субагента
1084|PROPERTIES_USER|propertiesUser|STLV|328|дополнительный реквизит
1085|PROPERTY_NAME|propertyName|String|64|наименование дополнительного реквизита
1086|PROPERTY_VALUE|propertyValue|String|256|значение дополнительного реквизита
1097|NOT_TRANSMITTED_DOCUMENTS_QUANTITY|notTransmittedDocumentsQuantity|Uint32|4|количество непе\
реданных документов ФД
1098|NOT_TRANSMITTED_DOCUMENTS_DATE_TIME|notTransmittedDocumentsDateTime|UnixTime|4|дата и время\
 первого из непереданных ФД
1101|CORRECTION_REASON_CODE|correctionReasonCode|Byte|1|код причины перерегистрации
1102|NDS18|nds18|VLN|8|НДС итога чека со ставкой 18%
1103|NDS10|nds10|VLN|8|НДС итога чека со ставкой 10%
1104|NDS0|nds0|VLN|8|НДС итога чека со ставкой 0%
1105|NDS_NO|ndsNo|VLN|8|НДС не облагается
1106|NDS_CALCULATED18|ndsCalculated18|VLN|8|НДС итога чека с рассчитанной ставкой 18%
1107|NDS_CALCULATED10|ndsCalculated10|VLN|8|НДС итога чека с рассчитанной ставкой 10%
1108|INTERNET_SIGN|internetSign|Byte|1|признак расчетов в сети Интернет
1109|SERVICE_SIGN|serviceSign|Byte|1|признак работы в сфере услуг
1110|BSO_SIGN|bsoSign|Byte|1|применяется для формирования БСО
1111|DOCUMENTS_QUANTITY|documentsQuantity|Uint32|4|количество фискальных документов за смену
1112|MODIFIERS|modifiers|STLV|160|скидка/наценка
1113|DISCOUNT_NAME|discountName|String|64|наименование скидки
1114|MARKUP_NAME|markupName|String|64|наименование наценки
1115|ADDRESS_TO_CHECK_FISCAL_SIGN|addressToCheckFiscalSign|String|256|адрес сайта для проверки ФП
1116|NOT_TRANSMITTED_DOCUMENT_NUMBER|notTransmittedDocumentNumber|Uint32|4|номер первого неперед\
анного документа
1117|SELLER_ADDRESS|sellerAddress|String|64|адрес электронной почты отправителя чека
1118|RECEIPTS_QUANTITY|receiptsQuantity|Uint32|4|количество кассовых чеков за смену
1119|OPERATOR_PHONE_TO_RECEIVE|operatorPhoneToReceive|String|19|телефон оператора по приему платежей
1126|LOTTERY_SIGN|lotterySign|Byte|1|признак проведения лотереи
1129|SELL_OPER|sellOper|STLV|116|счетчики операций "приход"
1130|SELL_RETURN_OPER|sellReturnOper|STLV|116|счетчики операций "возврат прихода"
1131|BUY_OPER|buyOper|STLV|116|счетчики операций "расход"
1132|BUY_RETURN_OPER|buyReturnOper|STLV|116|счетчики операций "возврат расхода"
1133|RECEIPT_CORRECTION_COUNTERS|receiptCorrection|STLV|216|счетчики операций по чекам коррекции
1134|RECEIPT_COUNT|receiptCount|Uint32|4|количество чеков со всеми признаками расчетов
1135|RECEIPT_BSO_COUNT|receiptBsoCount|Uint32|4|количество чеков по признаку расчетов
1136|CASH_SUM|cashSum|VLN|8|сумма расчетов наличными
1138|ECASH_SUM|ecashSum|VLN|8|сумма расчетов электронными
1139|TAX18_SUM|tax18Sum|VLN|8|сумма НДС по ставке 18%
1140|TAX10_SUM|tax10Sum|VLN|8|сумма НДС по ставке 10%
1141|TAX18118_SUM|tax18118Sum|VLN|8|сумма НДС по расч. ставке 18/118
1142|TAX10110_SUM|tax10110Sum|VLN|8|сумма НДС по расч. ставке 10/110
1143|TAX0_SUM|tax0Sum|VLN|8|сумма расчетов с НДС по ставке 0%
1144|RECEIPT_CORRECTION_COUNT|receiptCorrectionCount|Uint32|4|количество чеков коррекции
1145|SELL_CORRECTION|sellCorrection|STLV|100|счетчики коррекций "приход"
1146|BUY_CORRECTION|buyCorrection|STLV|100|счетчики коррекций "расход"
1147|CORRECTION_OPERATIONS_COUNT|correctionOperationsCount|Uint32|4|количество операций коррекции
1148|SELF_CORRECTION_COUNT|selfCorrectionCount|Uint32|4|количество самостоятельных корректировок
1149|ORDER_CORRECTION_COUNT|orderCorrectionCount|Uint32|4|количество корректировок по предписанию
1150|CORRECTION_SUM|correctionSum|VLN|8|сумма коррекций
1151|TAX18_CORRECTION_SUM|tax18CorrectionSum|VLN|8|сумма коррекций НДС по ставке 18%
1152|TAX10_CORRECTION_SUM|tax10CorrectionSum|VLN|8|сумма коррекций НДС по ставке 10%
1153|TAX18118_CORRECTION_SUM|tax18118CorrectionSum|VLN|8|сумма коррекций НДС по расч. ставке 18/118
1154|TAX10110_CORRECTION_SUM|tax10110CorrectionSum|VLN|8|сумма коррекций НДС расч. ставке 10/110
1155|TAX08_CORRECTION_SUM|tax08CorrectionSum|VLN|8|сумма коррекций с НДС по ставке 0%
1157|FISCAL_DRIVE_SUM_REPORTS|fiscalDriveSumReports|STLV|708|счетчики итогов ФН
1158|NOT_TRANSMITTED_DOCUMENTS_SUM_REPORTS|notTransmittedDocumentsSumReports|STLV|708|счетчики и\
тогов непереданных ФД
1162|PRODUCT_CODE|productCode|ByteArray|32|код товарной номенклатуры
1163|PRODUCT_CODE_NEW|productCodeNew|STLV|256|код товара
1171|PROVIDER_PHONE|providerPhone|String|19|телефон поставщика
1173|CORRECTION_TYPE|correctionType|Byte|1|тип коррекции
1174|CORRECTION_BASE|correctionBase|STLV|292|основание для коррекции
1177|CORRECTION_NAME|correctionName|String|256|наименование основания для коррекции
1178|CORRECTION_DOCUMENT_DATE|correctionDocumentDate|UnixTime|4|дата документа основания для кор\
рекции
1179|CORRECTION_DOCUMENT_NUMBER|correctionDocumentNumber|String|32|номер документа основания для\
 коррекции
1183|TAX_FREE_SUM|taxFreeSum|VLN|8|сумма расчетов без НДС
1184|TAX_FREE_CORRECTION_SUM|taxFreeCorrectionSum|VLN|8|сумма коррекций без НДС
1187|RETAIL_PLACE|retailPlace|String|256|место расчетов
1188|KKT_VERSION|kktVersion|String|8|версия ККТ
1189|DOCUMENT_KKT_VERSION|documentKktVersion|Byte|1|версия ФФД ККТ
1190|DOCUMENT_FD_VERSION|documentFdVersion|Byte|1|версия ФФД ФН
1191|PROPERTIES_STRING|propertiesString|String|256|дополнительный реквизит предмета расчета
1192|PROPERTIES_DATA|propertiesData|String|16|дополнительный реквизит чека (БСО)
1193|GAMBLING_SIGN|gamblingSign|Byte|1|признак проведения азартных игр
1194|SHIFT_SUM_REPORTS|shiftSumReports|STLV|708|счетчики итогов смены
1195|SELLER_ADDRESS_OLD|sellerAddressOld|String|64|адрес электронной почты отправителя чека
1196|QR_CODE|qrCode|String|10000|QR-код
1197|UNIT|unit|String|16|единица измерения предмета расчета
1198|UNIT_NDS|unitNds|VLN|8|размер НДС за единицу предмета расчета
1199|NDS|nds|Byte|1|ставка НДС
1200|NDS_SUM|ndsSum|VLN|8|сумма НДС за предмет расчета
1201|TOTAL_SUM_COUNTERS|totalSumCounters|VLN|8|общая сумма расчетов
1203|OPERATOR_INN|operatorInn|String|12|ИНН кассира
1205|CORRECTION_KKT_REASON_CODE|correctionKktReasonCode|Uint32|4|коды причин изменения сведений \
о ККТ
1206|OPERATOR_MESSAGE|operatorMessage|Byte|1|сообщение оператора
1207|EXCISE_DUTY_PRODUCT_SIGN|exciseDutyProductSign|Byte|1|продажа подакцизного товара
1208|RECEIPT_SITE|receiptSite|String|256|сайт чеков
1209|FISCAL_DOCUMENT_FORMAT_VER|fiscalDocumentFormatVer|Byte|1|версия ФФД
1210|KKT_MODES|kktModes|Byte|1|признаки режимов работы ККТ
1212|PRODUCT_TYPE|productType|Byte|1|признак предмета расчета
1213|FD_KEY_RESOURCE|fdKeyResource|Uint16|2|ресурс ключей ФП
1214|PAYMENT_TYPE|paymentType|Byte|1|признак способа расчета
1215|PREPAID_SUM|prepaidSum|VLN|8|сумма предоплаты (зачет аванса)
1216|CREDIT_SUM|creditSum|VLN|8|сумма постоплаты (кредита)
1217|PROVISION_SUM|provisionSum|VLN|8|сумма встречным предоставлением
1218|PREPAID_SUM_TOTAL|prepaidSumTotal|VLN|6|итоговая сумма в чеках (БСО) предоплатами
1219|CREDIT_SUM_TOTAL|creditSumTotal|VLN|6|итоговая сумма в чеках (БСО) постоплатами
1220|PROVISION_SUM_TOTAL|provisionSumTotal|VLN|6|итоговая сумма в чеках (БСО) встречными предост\
авлениями
1221|PRINT_IN_MACHINE_SIGN|printInMachineSign|Byte|1|признак установки принтера в автомате
1222|PAYMENT_AGENT_BY_PRODUCT_TYPE|paymentAgentByProductType|Byte|1|признак агента по предмету р\
асчета
1223|PAYMENT_AGENT_DATA|paymentAgentData|STLV|512|данные агента
1224|PROVIDER_DATA|providerData|STLV|512|данные поставщика
1225|PROVIDER_NAME|providerName|String|256|наименование поставщика
1226|PROVIDER_INN|providerInn|String|12|ИНН поставщика
1227|BUYER|buyer|String|256|покупатель (клиент)
1228|BUYER_INN|buyerInn|String|12|ИНН покупателя (клиента)
1229|EXCISE_DUTY|exciseDuty|VLN|6|сумма акциза
1230|ORIGIN_COUNTRY_CODE|originCountryCode|String|3|код страны происхождения товара
1231|CUSTOM_ENTRY_NUM|customEntryNum|String|32|номер декларации на товар
1232|SELL_RETURN_CORRECTION|sellReturnCorrection|STLV|100|счетчики коррекций «возврат прихода»
1233|BUY_RETURN_CORRECTION|buyReturnCorrection|STLV|100|счетчики коррекций «возврат расхода»
1243|BUYER_BIRTHDAY|buyerBirthday|String|10|дата рождения покупателя (клиента)
1244|BUYER_CITIZENSHIP|buyerCitizenship|String|3|гражданство
1245|BUYER_DOCUMENT_CODE|buyerDocumentCode|String|2|код вида документа, удостоверяющего личность
1246|BUYER_DOCUMENT_DATA|buyerDocumentData|String|64|данные документа, удостоверяющего личность
1254|BUYER_ADDRESS|buyerAddress|String|256|адрес покупателя (клиента)
1256|BUYER_INFORMATION|buyerInformation|STLV|1024|сведения о покупателе (клиенте)
1260|ITEMS_INDUSTRY_DETAILS|itemsIndustryDetails|STLV|317|отраслевой реквизит предмета расчета
1261|INDUSTRY_RECEIPT_DETAILS|industryReceiptDetails|STLV|317|отраслевой реквизит чека
1262|ID_FOIV|idFoiv|String|3|идентификатор ФОИВ
1263|FOUNDATION_DOC_DATE_TIME|foundationDocDateTime|String|10|дата документа основания
1264|FOUNDATION_DOC_NUMBER|foundationDocNumber|String|32|номер документа основания
1265|INDUSTRY_PROP_VALUE|industryPropValue|String|256|значение отраслевого реквизита
1270|OPERATIONAL_DETAILS|operationalDetails|STLV|144|операционный реквизит чека
1271|OPERATION_ID|operationId|Byte|1|идентификатор операции
1272|OPERATION_DATA|operationData|String|64|данные операции
1273|OPERATION_DATE_TIME|operationDateTime|UnixTime|4|дата, время операции
1274|ADDITIONAL_PROPS_FRC|additionalPropsFRC|String|32|дополнительный реквизит ОР
1275|ADDITIONAL_DATA_FRC|additionalDataFRC|ByteArray|32|дополнительные данные ОР
1276|ADDITIONAL_PROPS_OS|additionalPropsOS|String|32|дополнительный реквизит ООС
1277|ADDITIONAL_DATA_OS|additionalDataOS|ByteArray|32|дополнительные данные ООС
1278|ADDITIONAL_PROPS_CS|additionalPropsCS|String|32|дополнительный реквизит ОЗС
1279|ADDITIONAL_DATA_CS|additionalDataCS|ByteArray|32|дополнительные данные ОЗС
1280|ADDITIONAL_PROPS_CSR|additionalPropsCSR|String|32|дополнительный реквизит ОТР
1281|ADDITIONAL_DATA_CSR|additionalDataCSR|ByteArray|32|дополнительные данные ОТР
1282|ADDITIONAL_PROPS_CA|additionalPropsCA|String|32|дополнительный реквизит ОЗФН
1283|ADDITIONAL_DATA_CA|additionalDataCA|ByteArray|32|дополнительные данные ОЗФН
1290|USAGE_CONDITION_SIGNS|usageConditionSigns|Uint32|4|признаки условий применения ККТ
1291|LABELED_PROD_FRACTIONAL_QUANTITY|labeledProdFractionalQuantity|STLV|52|дробное количество м\
аркированного товара
1292|FRACTIONAL_PART|fractionalPart|String|24|дробная часть
1293|NUMERATOR|numerator|VLN|8|числитель
1294|DENOMINATOR|denominator|VLN|8|знаменатель
1300|UNDEFINED|undefined|String|32|нераспознанный код товара
1301|EAN8|ean8|String|8|КТ EAN-8
1302|EAN13|ean13|String|13|КТ EAN-13
1303|ITF14|itf14|String|14|КТ ITF-14
1304|GS1|gs1|String|38|КТ GS1.0
1305|GS1M|gs1m|String|38|КТ GS1.М
1306|KMK|kmk|String|38|КТ КМК
1307|MI|mi|String|20|КТ МИ
1308|EGAIS2|egais2|String|23|КТ ЕГАИС-2.0
1309|EGAIS3|egais3|String|14|КТ ЕГАИС-3.0
1320|F1|f1|String|32|КТ Ф.1
1321|F2|f2|String|32|КТ Ф.2
1322|F3|f3|String|32|КТ Ф.3
1323|F4|f4|String|32|КТ Ф.4
1324|F5|f5|String|32|КТ Ф.5
1325|F6|f6|String|32|КТ Ф.6
2000|MARKING_CODE|markingCode|String|256|код маркировки
2001|MARKING_REQUEST_NUMBER|markingRequestNumber|Uint32|4|номер запроса
2002|NOTIFICATION_NUMBER|notificationNumber|Uint32|4|номер уведомления
2003|PLANNED_PRODUCT_STATUS|plannedProductStatus|Byte|1|планируемый статус товара
2004|MARKING_CHECK_RESULT|markingCheckResult|Byte|1|результат проверки КМ
2005|REQUEST_PROCESSING_RESULTS|requestProcessingResults|Byte|1|результаты обработки запроса
2006|NOTIFICATION_PROCESSING_RESULTS|notificationProcessingResults|Byte|1|результаты обработки у\
ведомления
2007|MARKING_NOTIFICATION_DATA|markingNotificationData|STLV|512|данные о маркированном товаре
2100|MARKING_CODE_TYPE|markingCodeType|Byte|1|тип кода маркировки
2101|PRODUCT_ID|productId|String|38|идентификатор товара
2102|LABEL_CODE_PROCES_MODE|labelCodeProcesMode|Byte|1|режим обработки кода маркировки
2104|UNDELIVERED_NOTIFICATIONS_NUMBER|undeliveredNotificationsNumber|Uint32|4|количество неперед\
анных уведомлений
2105|REQUEST_PROCESSING_CODE|requestProcessingCode|Byte|1|коды обработки запроса
2106|CHECKING_PROD_INFORMATION_RESULT|checkingProdInformationResult|Byte|1|результат проверки св\
едений о товаре
2107|CHECKING_LABELED_PROD_RESULT|checkingLabeledProdResult|Byte|1|результаты проверки маркирова\
нных товаров
2108|ITEMS_QUANTITY_MEASURE|itemsQuantityMeasure|Byte|1|мера количества предмета расчета
2109|PRODUCT_STATUS_RESPONSE|productStatusResponse|Byte|1|ответ ОИСМ о статусе товара
2110|ASSIGNED_PRODUCT_STATUS|assignedProductStatus|Byte|1|присвоенный статус товара
2111|NOTIFICATION_PROCESSING_CODES|notificationProcessingCodes|Byte|1|коды обработки уведомления
2112|INCORRECT_MARKING_CODES_SIGN|incorrectMarkingCodesSign|Byte|1|признак некорректных кодов ма\
ркировки
2113|INCORRECT_REQUESTS_AND_NOTIFICATIONS_SIGN|incorrectRequestsAndNotificationsSign|Byte|1|приз\
нак некорректных запросов и уведомлений
2114|REQUEST_DATE_TIME|requestDateTime|UnixTime|4|дата и время запроса
2115|CONTROL_CODE|controlCode|String|4|контрольный код КМ
2116|WORK_TYPE|workType|Byte|1|вид операции
"""

_TYPES = {t.value: t for t in DataType}
_TYPES["Uint16"] = DataType.UINT16

_ONLY_OLD = {1101: ("1.05",), 1177: ("1.05",), 1011: ("1.05",), 1195: ("1.05",),
             1162: ("1.05", "1.1"), 1197: ("1.05", "1.1"), 1108: ("1.05", "1.1"),
             1109: ("1.05", "1.1"), 1110: ("1.05", "1.1"), 1126: ("1.05", "1.1"),
             1193: ("1.05", "1.1"), 1207: ("1.05", "1.1"), 1221: ("1.05", "1.1")}
_FROM_11 = {1205, 1232, 1233}
_FFD12 = {81, 82, 83, 84, 1163, 1227, 1228, 1229, 1230, 1231, 1243, 1244, 1245, 1246, 1254,
          1256, 1290, *range(1260, 1284), *range(1291, 1295), *range(1300, 1326),
          *range(2000, 2117)}

#: reference §5.4, S2 §5.3–5.4 (FFD 1.2).
_FN_12 = frozenset({1001, 1002, 1012, 1017, 1018, 1020, 1037, 1038, 1040, 1041, 1042,
                    *range(1050, 1055), 1056, 1062, 1077, 1097, 1098, 1111, 1116, 1118,
                    *range(1129, 1147), 1157, 1158, 1183, 1190, 1194, 1201, 1205, 1206,
                    1209, 1213, 1218, 1219, 1220, 1232, 1233, 2106, 1290, 2116, 2104})
_FN_11 = (_FN_12 - {2106, 2116, 2104, 1290}) | {1109, 1110, 1126, 1193, 1207, 1221}
_FN_105 = (_FN_11 - {1017, 1020, 1054, 1205, 1232, 1233,
                     1109, 1110, 1126, 1193, 1207, 1221}) | {1101}
_FN_BY_VERSION = {"1.05": _FN_105, "1.1": _FN_11, "1.2": _FN_12}

#: Tags a document or STLV may hold several times (JSON arrays).
_REPEATABLE = frozenset({1059, 1071, 1084, 1112, 1191, 1260, 1261, 2007})


def _versions(tag: int) -> frozenset[str]:
    if tag in _ONLY_OLD:
        return frozenset(_ONLY_OLD[tag])
    if tag in _FFD12:
        return frozenset({"1.2"})
    if tag in _FROM_11:
        return frozenset({"1.1", "1.2"})
    return ALL_VERSIONS


def _build() -> dict[int, TagSpec]:
    table: dict[int, TagSpec] = {}
    for line in _ROWS.strip().splitlines():
        tag_s, ident, json_name, dtype, max_len, desc = line.split("|")
        tag = int(tag_s)
        table[tag] = TagSpec(
            tag=tag, name=ident, json_name=json_name, dtype=_TYPES[dtype],
            max_len=int(max_len), versions=_versions(tag),
            fn_formed=frozenset(v for v, s in _FN_BY_VERSION.items() if tag in s),
            repeatable=tag in _REPEATABLE, description=desc,
        )
    return table


#: The whole table, by tag number.
TAGS: dict[int, TagSpec] = _build()
#: Field tags (not document types) by JSON name.
TAGS_BY_JSON: dict[str, TagSpec] = {s.json_name: s for s in TAGS.values() if not s.is_document}
_DOCS_BY_JSON: dict[str, TagSpec] = {s.json_name: s for s in TAGS.values() if s.is_document}


def tag_spec(tag: int) -> TagSpec | None:
    """The table row of ``tag``, or None for a tag the table does not know."""
    return TAGS.get(tag)


def doc_type_by_json(json_name: str) -> int | None:
    """The document type whose JSON name is ``json_name`` (``"receipt"`` → 3), or None."""
    spec = _DOCS_BY_JSON.get(json_name)
    return spec.tag if spec else None


def is_fn_formed(tag: int, ffd_version: str = "1.2") -> bool:
    """Whether the FN itself forms ``tag`` under FFD ``ffd_version`` ("1.05", "1.1", "1.2").

    The KKT must not send such a tag; the FN answers 0Bh if it does.
    """
    if ffd_version not in _FN_BY_VERSION:
        raise ValueError(f"unknown FFD version {ffd_version!r}; use one of {FFD_VERSIONS}")
    return tag in _FN_BY_VERSION[ffd_version]


def fn_formed_tags(ffd_version: str = "1.2") -> frozenset[int]:
    """All tags the FN forms under FFD ``ffd_version``."""
    if ffd_version not in _FN_BY_VERSION:
        raise ValueError(f"unknown FFD version {ffd_version!r}; use one of {FFD_VERSIONS}")
    return _FN_BY_VERSION[ffd_version]


class Tag(enum.IntEnum):
    """Every tag of the table by its English identifier (``Tag.FISCAL_DOCUMENT_NUMBER`` = 1040)."""

    FISCAL_REPORT = 1
    OPEN_SHIFT = 2
    RECEIPT = 3
    BSO = 4
    CLOSE_SHIFT = 5
    CLOSE_ARCHIVE = 6
    OPERATOR_ACK = 7
    FISCAL_REPORT_CORRECTION = 11
    CURRENT_STATE_REPORT = 21
    RECEIPT_CORRECTION = 31
    BSO_CORRECTION = 41
    MARKING_CODE_REQUEST = 81
    MARKING_NOTIFICATION = 82
    MARKING_CODE_RESPONSE = 83
    MARKING_NOTIFICATION_RECEIPT = 84
    DOC_NAME = 1000
    AUTO_MODE = 1001
    OFFLINE_MODE = 1002
    BANK_AGENT_ADDRESS = 1003
    BANK_SUBAGENT_ADDRESS = 1004
    OPERATOR_TRANSFER_ADDRESS = 1005
    PAYMENT_AGENT_ADDRESS = 1006
    PAYMENT_SUBAGENT_ADDRESS = 1007
    BUYER_PHONE_OR_ADDRESS = 1008
    RETAIL_ADDRESS = 1009
    PAYMENT_AGENT_REMUNERATION = 1010
    PAYMENT_AGENT_REMUNERATION_OLD = 1011
    DATE_TIME = 1012
    KKT_NUMBER = 1013
    STRING_VALUE = 1014
    INT_VALUE = 1015
    OPERATOR_TRANSFER_INN = 1016
    OFD_INN = 1017
    USER_INN = 1018
    INFO_MESSAGE = 1019
    TOTAL_SUM = 1020
    OPERATOR = 1021
    OFD_RESPONSE_CODE = 1022
    QUANTITY = 1023
    BANK_AGENT_NAME = 1024
    BANK_SUBAGENT_NAME = 1025
    OPERATOR_TRANSFER_NAME = 1026
    PAYMENT_AGENT_NAME = 1027
    PAYMENT_SUBAGENT_NAME = 1028
    PROPERTY_TITLE = 1029
    NAME = 1030
    CASH_TOTAL_SUM = 1031
    TAX = 1032
    TAXES = 1033
    MARKUP = 1034
    MARKUP_SUM = 1035
    MACHINE_NUMBER = 1036
    KKT_REG_ID = 1037
    SHIFT_NUMBER = 1038
    RESERVED1039 = 1039
    FISCAL_DOCUMENT_NUMBER = 1040
    FISCAL_DRIVE_NUMBER = 1041
    REQUEST_NUMBER = 1042
    SUM = 1043
    PAYMENT_AGENT_OPERATION = 1044
    BANK_SUBAGENT_OPERATION = 1045
    OFD_NAME = 1046
    SETTING_PARAMETER = 1047
    USER = 1048
    POSTAL_CODE = 1049
    FISCAL_DRIVE_EXHAUSTION_SIGN = 1050
    FISCAL_DRIVE_REPLACE_REQUIRED_SIGN = 1051
    FISCAL_DRIVE_MEMORY_EXCEEDED_SIGN = 1052
    OFD_RESPONSE_TIMEOUT_SIGN = 1053
    OPERATION_TYPE = 1054
    APPLIED_TAXATION_TYPE = 1055
    ENCRYPTION_SIGN = 1056
    PAYMENT_AGENT_TYPE = 1057
    BANK_AGENT_TYPE = 1058
    ITEMS = 1059
    FNS_SITE = 1060
    OFD_SITE = 1061
    TAXATION_TYPE = 1062
    DISCOUNT = 1063
    DISCOUNT_SUM = 1064
    TAX_SHORT_NAME = 1065
    MESSAGE = 1066
    MESSAGE_TO_KKT = 1067
    MESSAGE_TO_FN = 1068
    MESSAGE_TO_OPERATOR = 1069
    TAX_RATE = 1070
    STORNO_ITEMS = 1071
    TAX_SUM = 1072
    PAYMENT_AGENT_PHONE = 1073
    OPERATOR_TO_RECEIVE_PHONE = 1074
    OPERATOR_PHONE_TO_TRANSFER = 1075
    TYPE = 1076
    FISCAL_SIGN = 1077
    OPERATOR_SIGN = 1078
    PRICE = 1079
    BARCODE = 1080
    ECASH_TOTAL_SUM = 1081
    BANK_SUBAGENT_PHONE = 1082
    PAYMENT_SUBAGENT_PHONE = 1083
    PROPERTIES_USER = 1084
    PROPERTY_NAME = 1085
    PROPERTY_VALUE = 1086
    NOT_TRANSMITTED_DOCUMENTS_QUANTITY = 1097
    NOT_TRANSMITTED_DOCUMENTS_DATE_TIME = 1098
    CORRECTION_REASON_CODE = 1101
    NDS18 = 1102
    NDS10 = 1103
    NDS0 = 1104
    NDS_NO = 1105
    NDS_CALCULATED18 = 1106
    NDS_CALCULATED10 = 1107
    INTERNET_SIGN = 1108
    SERVICE_SIGN = 1109
    BSO_SIGN = 1110
    DOCUMENTS_QUANTITY = 1111
    MODIFIERS = 1112
    DISCOUNT_NAME = 1113
    MARKUP_NAME = 1114
    ADDRESS_TO_CHECK_FISCAL_SIGN = 1115
    NOT_TRANSMITTED_DOCUMENT_NUMBER = 1116
    SELLER_ADDRESS = 1117
    RECEIPTS_QUANTITY = 1118
    OPERATOR_PHONE_TO_RECEIVE = 1119
    LOTTERY_SIGN = 1126
    SELL_OPER = 1129
    SELL_RETURN_OPER = 1130
    BUY_OPER = 1131
    BUY_RETURN_OPER = 1132
    RECEIPT_CORRECTION_COUNTERS = 1133
    RECEIPT_COUNT = 1134
    RECEIPT_BSO_COUNT = 1135
    CASH_SUM = 1136
    ECASH_SUM = 1138
    TAX18_SUM = 1139
    TAX10_SUM = 1140
    TAX18118_SUM = 1141
    TAX10110_SUM = 1142
    TAX0_SUM = 1143
    RECEIPT_CORRECTION_COUNT = 1144
    SELL_CORRECTION = 1145
    BUY_CORRECTION = 1146
    CORRECTION_OPERATIONS_COUNT = 1147
    SELF_CORRECTION_COUNT = 1148
    ORDER_CORRECTION_COUNT = 1149
    CORRECTION_SUM = 1150
    TAX18_CORRECTION_SUM = 1151
    TAX10_CORRECTION_SUM = 1152
    TAX18118_CORRECTION_SUM = 1153
    TAX10110_CORRECTION_SUM = 1154
    TAX08_CORRECTION_SUM = 1155
    FISCAL_DRIVE_SUM_REPORTS = 1157
    NOT_TRANSMITTED_DOCUMENTS_SUM_REPORTS = 1158
    PRODUCT_CODE = 1162
    PRODUCT_CODE_NEW = 1163
    PROVIDER_PHONE = 1171
    CORRECTION_TYPE = 1173
    CORRECTION_BASE = 1174
    CORRECTION_NAME = 1177
    CORRECTION_DOCUMENT_DATE = 1178
    CORRECTION_DOCUMENT_NUMBER = 1179
    TAX_FREE_SUM = 1183
    TAX_FREE_CORRECTION_SUM = 1184
    RETAIL_PLACE = 1187
    KKT_VERSION = 1188
    DOCUMENT_KKT_VERSION = 1189
    DOCUMENT_FD_VERSION = 1190
    PROPERTIES_STRING = 1191
    PROPERTIES_DATA = 1192
    GAMBLING_SIGN = 1193
    SHIFT_SUM_REPORTS = 1194
    SELLER_ADDRESS_OLD = 1195
    QR_CODE = 1196
    UNIT = 1197
    UNIT_NDS = 1198
    NDS = 1199
    NDS_SUM = 1200
    TOTAL_SUM_COUNTERS = 1201
    OPERATOR_INN = 1203
    CORRECTION_KKT_REASON_CODE = 1205
    OPERATOR_MESSAGE = 1206
    EXCISE_DUTY_PRODUCT_SIGN = 1207
    RECEIPT_SITE = 1208
    FISCAL_DOCUMENT_FORMAT_VER = 1209
    KKT_MODES = 1210
    PRODUCT_TYPE = 1212
    FD_KEY_RESOURCE = 1213
    PAYMENT_TYPE = 1214
    PREPAID_SUM = 1215
    CREDIT_SUM = 1216
    PROVISION_SUM = 1217
    PREPAID_SUM_TOTAL = 1218
    CREDIT_SUM_TOTAL = 1219
    PROVISION_SUM_TOTAL = 1220
    PRINT_IN_MACHINE_SIGN = 1221
    PAYMENT_AGENT_BY_PRODUCT_TYPE = 1222
    PAYMENT_AGENT_DATA = 1223
    PROVIDER_DATA = 1224
    PROVIDER_NAME = 1225
    PROVIDER_INN = 1226
    BUYER = 1227
    BUYER_INN = 1228
    EXCISE_DUTY = 1229
    ORIGIN_COUNTRY_CODE = 1230
    CUSTOM_ENTRY_NUM = 1231
    SELL_RETURN_CORRECTION = 1232
    BUY_RETURN_CORRECTION = 1233
    BUYER_BIRTHDAY = 1243
    BUYER_CITIZENSHIP = 1244
    BUYER_DOCUMENT_CODE = 1245
    BUYER_DOCUMENT_DATA = 1246
    BUYER_ADDRESS = 1254
    BUYER_INFORMATION = 1256
    ITEMS_INDUSTRY_DETAILS = 1260
    INDUSTRY_RECEIPT_DETAILS = 1261
    ID_FOIV = 1262
    FOUNDATION_DOC_DATE_TIME = 1263
    FOUNDATION_DOC_NUMBER = 1264
    INDUSTRY_PROP_VALUE = 1265
    OPERATIONAL_DETAILS = 1270
    OPERATION_ID = 1271
    OPERATION_DATA = 1272
    OPERATION_DATE_TIME = 1273
    ADDITIONAL_PROPS_FRC = 1274
    ADDITIONAL_DATA_FRC = 1275
    ADDITIONAL_PROPS_OS = 1276
    ADDITIONAL_DATA_OS = 1277
    ADDITIONAL_PROPS_CS = 1278
    ADDITIONAL_DATA_CS = 1279
    ADDITIONAL_PROPS_CSR = 1280
    ADDITIONAL_DATA_CSR = 1281
    ADDITIONAL_PROPS_CA = 1282
    ADDITIONAL_DATA_CA = 1283
    USAGE_CONDITION_SIGNS = 1290
    LABELED_PROD_FRACTIONAL_QUANTITY = 1291
    FRACTIONAL_PART = 1292
    NUMERATOR = 1293
    DENOMINATOR = 1294
    UNDEFINED = 1300
    EAN8 = 1301
    EAN13 = 1302
    ITF14 = 1303
    GS1 = 1304
    GS1M = 1305
    KMK = 1306
    MI = 1307
    EGAIS2 = 1308
    EGAIS3 = 1309
    F1 = 1320
    F2 = 1321
    F3 = 1322
    F4 = 1323
    F5 = 1324
    F6 = 1325
    MARKING_CODE = 2000
    MARKING_REQUEST_NUMBER = 2001
    NOTIFICATION_NUMBER = 2002
    PLANNED_PRODUCT_STATUS = 2003
    MARKING_CHECK_RESULT = 2004
    REQUEST_PROCESSING_RESULTS = 2005
    NOTIFICATION_PROCESSING_RESULTS = 2006
    MARKING_NOTIFICATION_DATA = 2007
    MARKING_CODE_TYPE = 2100
    PRODUCT_ID = 2101
    LABEL_CODE_PROCES_MODE = 2102
    UNDELIVERED_NOTIFICATIONS_NUMBER = 2104
    REQUEST_PROCESSING_CODE = 2105
    CHECKING_PROD_INFORMATION_RESULT = 2106
    CHECKING_LABELED_PROD_RESULT = 2107
    ITEMS_QUANTITY_MEASURE = 2108
    PRODUCT_STATUS_RESPONSE = 2109
    ASSIGNED_PRODUCT_STATUS = 2110
    NOTIFICATION_PROCESSING_CODES = 2111
    INCORRECT_MARKING_CODES_SIGN = 2112
    INCORRECT_REQUESTS_AND_NOTIFICATIONS_SIGN = 2113
    REQUEST_DATE_TIME = 2114
    CONTROL_CODE = 2115
    WORK_TYPE = 2116


#: Former name of :class:`~sigmakkt.protocol.ffd.values.DocumentType` (the one definition of the
#: document types), kept for importers of this module.
DocType = DocumentType
