"""The CLI's message catalogue: every human-readable string, in Russian and English.

``text(key, lang, **fields)`` formats one message; :func:`default_lang` picks the language from
the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``): Russian for ``ru*``, English otherwise.
Machine output (``--json``) never goes through here.
"""

from __future__ import annotations

import os

LANGS = ("ru", "en")

#: key -> (Russian, English)
CATALOGUE: dict[str, tuple[str, str]] = {
    "error": ("Ошибка", "Error"),
    "what_to_do": ("Что делать", "What to do"),
    "status": ("Состояние ККТ", "Register status"),
    "registered": ("ККТ зарегистрирована", "Register registered"),
    "reregistered": ("Параметры регистрации изменены", "Registration changed"),
    "fn_closed": ("Фискальный режим ФН закрыт", "FN fiscal mode closed"),
    "shift_opened": ("Смена открыта", "Shift opened"),
    "shift_closed": ("Смена закрыта", "Shift closed"),
    "x_report": ("X-отчёт", "X report"),
    "receipt": ("Чек", "Receipt"),
    "refund": ("Чек возврата", "Refund receipt"),
    "task_done": ("Задание выполнено", "Task done"),
    "document": ("Документ", "Document"),
    "png_written": ("Изображение записано: {path}", "Picture written: {path}"),
    "exported": ("Выгружено документов: {count} → {path}", "Exported {count} documents → {path}"),
    "ofd_sent": ("Отправлено в ОФД: {sent}, осталось: {left}",
                 "Sent to the OFD: {sent}, left: {left}"),
    "ofd_status": ("Очередь ОФД", "OFD queue"),
    "paper": ("Бумага", "Paper"),
    "report": ("Отчёт", "Report"),
    "no_data": ("Нет данных", "No data"),
    "no_device": ("Не указано устройство: задайте --fn URL (или SIGMAKKT_FN, или файл "
                  "настроек) либо --emulated",
                  "no device given: pass --fn URL (or SIGMAKKT_FN, or a config file) or "
                  "--emulated"),
    "demo_title": ("Демонстрация sigmakkt на эмуляторе", "sigmakkt demo on the emulator"),
    "demo_step": ("• {step}", "• {step}"),
    "demo_png": ("  напечатано: {path}", "  printed: {path}"),
    "demo_summary": ("Итог: {receipts} чека, ФН {fn}, в ОФД отправлено {sent}, "
                     "неотправленных {unsent}",
                     "Summary: {receipts} receipts, FN {fn}, sent to the OFD {sent}, "
                     "unsent {unsent}"),
    # field labels for human output
    "f.fiscal_document_number": ("ФД №", "FD number"),
    "f.fiscal_sign": ("ФП", "fiscal sign"),
    "f.receipt_number": ("Чек №", "receipt number"),
    "f.shift_number": ("Смена №", "shift number"),
    "f.datetime": ("Дата и время", "date and time"),
    "f.total": ("Итог", "total"),
    "f.change": ("Сдача", "change"),
    "f.fn_number": ("ФН №", "FN number"),
    "f.printed": ("Напечатан", "printed"),
    "f.print_error": ("Ошибка печати", "print error"),
    "f.qr": ("QR", "QR"),
    "f.phase": ("Фаза ФН", "FN phase"),
    "f.shift_open": ("Смена открыта", "shift open"),
    "f.last_document_number": ("Последний ФД", "last document"),
    "f.unsent_documents": ("Не отправлено в ОФД", "unsent to the OFD"),
    "f.oldest_unsent": ("Старейший неотправленный", "oldest unsent"),
    "f.warnings": ("Предупреждения", "warnings"),
    "f.paper_present": ("Бумага есть", "paper present"),
    "f.paper_near_end": ("Бумага заканчивается", "paper near end"),
    "f.cover_open": ("Крышка открыта", "cover open"),
    "f.cutter_error": ("Ошибка отрезчика", "cutter error"),
    "f.online": ("Принтер на связи", "printer online"),
    "yes": ("да", "yes"),
    "no": ("нет", "no"),
}


def default_lang(environ: dict[str, str] | None = None) -> str:
    """``"ru"`` when the locale is Russian, else ``"en"``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


def text(key: str, lang: str, **fields: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``fields``; unknown keys come back as is."""
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    template = pair[0] if lang == "ru" else pair[1]
    return template.format(**fields) if fields else template


def label(name: str, lang: str) -> str:
    """Human label of a result field (the field name itself when not in the catalogue)."""
    pair = CATALOGUE.get("f." + name)
    if pair is None:
        return name.replace("_", " ")
    return pair[0] if lang == "ru" else pair[1]
