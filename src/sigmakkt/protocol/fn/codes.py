"""FN command codes and answer codes (FNS KKT–FN protocol v1.2.06, reference §2 and §3).

:class:`CommandCode` names every command byte the FN knows. :class:`AnswerCode` is the answer
byte (low 7 bits of the answer field; bit 7 is the warning flag, split off by the frame
decoder); each member carries ``description_ru``, ``description_en`` and ``advice`` — what the
caller should do about it.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["AnswerCode", "CommandCode"]


class CommandCode(IntEnum):
    """Every FN command byte (reference §2.1–§2.7; names of B0h–D7h from S2 §4.10–4.13).

    B4h and D2h are not assigned in S2 v1.2.06; 34h ("FN lifetime", S4) is kept for completeness.
    """

    # §2.3 registration, re-registration, closing the FN
    BEGIN_REGISTRATION = 0x02
    COMPLETE_REGISTRATION = 0x03
    BEGIN_CLOSE_FN = 0x04
    CLOSE_FN = 0x05
    # §2.2 document building
    CANCEL_DOCUMENT = 0x06
    SEND_DOCUMENT_DATA = 0x07
    # §2.4 shifts, receipts, reports
    GET_SHIFT_PARAMETERS = 0x10
    BEGIN_OPEN_SHIFT = 0x11
    OPEN_SHIFT = 0x12
    BEGIN_CLOSE_SHIFT = 0x13
    CLOSE_SHIFT = 0x14
    BEGIN_RECEIPT = 0x15
    COMPLETE_RECEIPT = 0x16
    BEGIN_CORRECTION_RECEIPT = 0x17
    BEGIN_STATE_REPORT = 0x18
    COMPLETE_STATE_REPORT = 0x19
    # §2.5 OFD exchange
    GET_OFD_STATUS = 0x20
    SET_TRANSPORT_STATUS = 0x21
    BEGIN_OFD_MESSAGE_READ = 0x22
    READ_OFD_MESSAGE_BLOCK = 0x23
    CANCEL_OFD_MESSAGE_READ = 0x24
    FINISH_OFD_MESSAGE_READ = 0x25
    SEND_OFD_RECEIPT = 0x26
    # §2.1 service / status
    GET_STATUS = 0x30
    GET_FN_NUMBER = 0x31
    GET_EXPIRY = 0x32
    GET_VERSION = 0x33
    GET_LIFETIME = 0x34
    GET_LAST_ERRORS = 0x35
    GET_COUNTERS = 0x36
    GET_OPERATION_COUNTS = 0x37
    GET_SETTLEMENT_COUNTERS = 0x38
    GET_UNSENT_COUNTERS = 0x39
    GET_FFD_VERSION = 0x3A
    GET_DAYS_LEFT = 0x3B
    GET_FREE_MEMORY = 0x3D
    GET_EXECUTION = 0x3F
    # §2.6 archive
    FIND_DOCUMENT = 0x40
    GET_OFD_ACKNOWLEDGEMENT = 0x41
    GET_UNCONFIRMED_COUNT = 0x42
    GET_REGISTRATION_RESULTS = 0x43
    GET_REGISTRATION_PARAMETER = 0x44
    GET_DOCUMENT_TLV_INFO = 0x45
    READ_DOCUMENT_TLV = 0x46
    READ_REGISTRATION_TLV = 0x47
    FIND_DOCUMENT_FORMAT = 0x50
    DEBUG_RESET = 0x60
    # §2.3 FFD 1.1/1.2 registration; §2.1 A7h; §1 ABh
    BEGIN_REGISTRATION_V2 = 0xA2
    COMPLETE_REGISTRATION_V2 = 0xA3
    GET_TRANSFERRED_SIZE = 0xA7
    SET_UART_SPEED = 0xAB
    # §2.7 marking
    GET_MARKING_STATUS = 0xB0
    CHECK_MARKING_CODE = 0xB1
    SAVE_MARKING_CHECK_RESULT = 0xB2
    CLEAR_MARKING_CHECK_RESULTS = 0xB3
    BUILD_MARKING_REQUEST = 0xB5
    SEND_MARKING_RESPONSE = 0xB6
    SEND_MARKED_ITEM_DATA = 0xB7
    GET_NOTIFICATION_STATUS = 0xBA
    BEGIN_NOTIFICATION_READ = 0xBB
    READ_NOTIFICATION_BLOCK = 0xBC
    CANCEL_NOTIFICATION_READ = 0xBD
    FINISH_NOTIFICATION_READ = 0xBE
    SEND_NOTIFICATION_RECEIPT = 0xBF
    BEGIN_KEY_UPDATE = 0xD0
    SEND_KEY_UPDATE_REPLY = 0xD1
    BEGIN_NOTIFICATION_UNLOAD = 0xD3
    NEXT_UNLOADED_NOTIFICATION = 0xD4
    READ_UNLOADED_NOTIFICATION_BLOCK = 0xD5
    CONFIRM_NOTIFICATION_UNLOAD = 0xD6
    GET_KEY_SERVER = 0xD7


class AnswerCode(IntEnum):
    """FN answer codes (S2 Tables 4–5; FN-1 (S1) differences in the descriptions)."""

    description_ru: str
    description_en: str
    advice: str

    def __new__(cls, value: int, ru: str, en: str, advice: str) -> AnswerCode:
        obj = int.__new__(cls, value)
        obj._value_ = value
        obj.description_ru = ru
        obj.description_en = en
        obj.advice = advice
        return obj

    OK = (0x00, "Ошибок нет", "no error", "")
    UNKNOWN_COMMAND = (
        0x01,
        "Неизвестная команда, неверный формат посылки или неизвестные параметры",
        "unknown command, wrong format or length, or unknown parameters",
        "check the command code and its data against the FN protocol version of this FN",
    )
    WRONG_STATE = (
        0x02,
        "Другое состояние ФН",
        "the FN is in another state (phase or document state does not allow the command)",
        "check the FN phase and document state with 30h; cancel an open document with 06h",
    )
    FN_FAILURE = (
        0x03,
        "Отказ ФН",
        "FN failure",
        "read the details with 35h; the FN may need replacement — contact service",
    )
    CRYPTO_FAILURE = (
        0x04,
        "Отказ КС",
        "crypto-coprocessor (КС) failure",
        "retry once; if it persists the FN is faulty — contact service",
    )
    LIFETIME_PARAMETERS = (
        0x05,
        "Параметры команды не соответствуют сроку жизни ФН (ФН-1: закончен срок эксплуатации)",
        "parameters incompatible with the FN lifetime (FN-1: FN lifetime is over)",
        "choose registration parameters the FN lifetime allows, or replace the FN",
    )
    ARCHIVE_FULL = (
        0x06,
        "Архив ФН переполнен (только ФН-1)",
        "FN archive is full (FN-1 only)",
        "close the FN and replace it",
    )
    WRONG_DATETIME = (
        0x07,
        "Неверные дата и/или время",
        "wrong date and/or time (before the last document, or receipt >24 h after shift open)",
        "sync the KKT clock and send a time not earlier than the last document",
    )
    NO_DATA = (
        0x08,
        "Нет запрошенных данных",
        "the requested data is not there (also: end of a read iteration)",
        "check the document number or parameter requested; for 46h/47h it means 'no more'",
    )
    INVALID_PARAMETER = (
        0x09,
        "Некорректное значение параметров команды",
        "invalid value of a command parameter",
        "check the command's parameter values (for 04h: deliver every document to the OFD)",
    )
    FFD_MODE_MISMATCH = (
        0x0A,
        "Некорректная команда для ФФД / не все необходимые параметры",
        "command not allowed in this FFD mode, or required parameters are missing",
        "use the command set of the FN's FFD version (3Ah); on 16h send the missing sums",
    )
    FN_FORMED_TAG = (
        0x0B,
        "Разработчик ККТ передал реквизит, формируемый ФН",
        "the KKT sent a tag that the FN forms itself (tag number follows)",
        "remove that tag from the document data",
    )
    DUPLICATE_TAG = (
        0x0C,
        "Дублирование реквизита",
        "duplicate tag (tag number follows)",
        "send each non-repeating tag once",
    )
    MISSING_COUNTER_DATA = (
        0x0D,
        "Отсутствуют данные, необходимые для корректного учета в ФН",
        "data needed for the FN counters is missing (payment bitmask may follow)",
        "send the missing payment sums (1031/1081/1215/1216/1217) before closing the receipt",
    )
    TOO_MANY_ITEMS = (
        0x0E,
        "Количество позиций в документе превысило допустимый предел",
        "too many items in the document",
        "split the sale into several receipts",
    )
    TLV_SIZE_EXCEEDED = (
        0x10,
        "Превышение размеров TLV данных",
        "the document's TLV data is too large",
        "shorten the document data (fewer items, shorter strings)",
    )
    NO_TRANSPORT = (
        0x11,
        "Нет транспортного соединения",
        "no transport connection to the OFD",
        "report the transport as up with 21h before reading the OFD message",
    )
    RESOURCE_EXHAUSTED = (
        0x12,
        "Исчерпан ресурс ФН (ФН-1: исчерпан ресурс КС)",
        "FN resource exhausted",
        "close the FN (04h/05h) and replace it",
    )
    RESOURCE_LIMIT = (
        0x14,
        "Ограничение ресурса ФН (исчерпан ресурс хранения)",
        "FN storage limit: unsent documents older than 30 days, or the archive is full",
        "run the OFD exchange and deliver unsent documents; replace the FN if memory is full",
    )
    OFD_MESSAGE_EXPIRED = (
        0x15,
        "Время нахождения в очереди сообщения для ОФД превысило 30 дней (только ФН-1)",
        "a message for the OFD waited more than 30 days (FN-1 only)",
        "run the OFD exchange",
    )
    SHIFT_EXPIRED = (
        0x16,
        "Продолжительность смены более 24 часов",
        "the shift has lasted more than 24 hours",
        "close the shift and open a new one",
    )
    TIME_DIFFERENCE = (
        0x17,
        "Неверная разница во времени между двумя операциями",
        "the time difference between two operations is wrong (KKT clock vs FN timer >5 min)",
        "sync the KKT clock",
    )
    BAD_TAG_VALUE = (
        0x18,
        "Некорректный реквизит, переданный ККТ в ФН",
        "bad tag value or format sent to the FN",
        "check the tag's type, length and value against the FFD tables",
    )
    TAG_REGISTRATION_MISMATCH = (
        0x19,
        "Реквизит не соответствует установкам при регистрации ККТ",
        "tag inconsistent with the registration (excise, tax system…)",
        "send only tags the registration allows, or re-register",
    )
    REPLY_REJECTED = (
        0x20,
        "Сообщение от ОФД (ОИСМ, ОКП) не может быть принято",
        "the OFD (OISM, OKP) reply cannot be accepted (reason byte follows)",
        "check the reply for this FN and document; retry the exchange",
    )
    KEY_SERVICE_REFUSED = (
        0x23,
        "Ошибка сервиса обновления ключей проверки КМ",
        "the marking-key update service (OKP) refused the request",
        "retry the key update later",
    )
    KEY_SERVICE_UNKNOWN_REPLY = (
        0x24,
        "Неизвестный ответ сервиса обновления ключей проверки КМ",
        "unknown reply from the marking-key update service (OKP)",
        "retry the key update later",
    )
    REPEAT_KEY_UPDATE = (
        0x30,
        "Требуется повтор процедуры обновления ключей проверки КМ",
        "the marking-key update must be repeated",
        "repeat the key update from D0h",
    )
    MARKING_NOT_ENABLED = (
        0x32,
        "Запрещена работа с маркированными товарами",
        "marked goods are not enabled by the registration",
        "re-register with the marked-goods flag to sell marked goods",
    )
    MARKING_SEQUENCE = (
        0x33,
        "Неверная последовательность команд группы Bxh",
        "wrong sequence of marking (Bxh) commands",
        "check the marking state with B0h and follow the allowed command order",
    )
    MARKING_BLOCKED = (
        0x34,
        "Работа с маркированными товарами временно заблокирована (хранилище уведомлений)",
        "marking temporarily blocked: the notification store is full",
        "deliver notifications to the OISM to free the store",
    )
    KM_TABLE_FULL = (
        0x35,
        "Переполнена таблица проверки кодов маркировки",
        "the checked-KM table is full (128 codes)",
        "close the receipt or clear the check results with B3h",
    )
    KEYS_OUTDATED = (
        0x36,
        "Превышен период 90 дней со времени последнего обновления ключей проверки",
        "more than 90 days since the last marking-key update",
        "run the marking-key update (D0h/D1h)",
    )
    MISSING_TAG = (
        0x3C,
        "В блоке TLV отсутствуют необходимые реквизиты",
        "a required tag is missing from the TLV data (tag number follows)",
        "add the named tag to the data",
    )
    KM_NOT_CHECKED = (
        0x3E,
        "В реквизите 2007 содержится КМ, который ранее не проверялся в ФН",
        "the KM in tag 2007 was not checked and saved in the FN",
        "check the code with B1h and save the result with B2h first",
    )

    @classmethod
    def lookup(cls, code: int) -> AnswerCode | None:
        """The member for ``code`` (warning bit removed), or ``None`` if unknown."""
        member = cls._value2member_map_.get(code & 0x7F)
        return member if isinstance(member, AnswerCode) else None
