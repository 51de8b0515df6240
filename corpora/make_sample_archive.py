#!/usr/bin/env python3
"""Generate corpora/sample_tickets.csv, the synthetic kvetch demo archive.

A multilingual customer-support archive (email, chat, social, app reviews)
for a fictitious shop/app called "Lumio": ~15 recurring issues with a
power-law size distribution, praise and questions, repeat contacts that
escalate, planted PII (emails, phones, Luhn-valid cards, mod-97-valid IBANs,
IPs, URLs) next to PII look-alikes (order/tracking numbers, prices, dates,
versions), and a burst of a new issue (checkout_error_500) confined to the
last two weeks.

Standard library only; fully deterministic for a given --seed and --n.
All text is written by the kvetch project (see sample_archive_phrases.py);
the output is synthetic and released under CC0.

    python3 corpora/make_sample_archive.py                # 6000 rows, seed 7
    python3 corpora/make_sample_archive.py --n 20000 --seed 1 --out /tmp/big.csv
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sample_archive_phrases import LEX, NAMES  # noqa: E402

UTC = dt.timezone.utc
START = dt.datetime(2026, 9, 7, tzinfo=UTC)        # Monday
N_DAYS = 70                                        # 10 full weeks
END = START + dt.timedelta(days=N_DAYS)            # exclusive: 2026-11-16T00:00Z
BURST_START = END - dt.timedelta(days=14)          # 2026-11-02 (Monday)
DST_END_EU = dt.datetime(2026, 10, 25, 1, tzinfo=UTC)
DST_END_US = dt.datetime(2026, 11, 1, 6, tzinfo=UTC)

COLUMNS = ["ticket_id", "customer_id", "created_at", "channel", "lang_true",
           "issue_true", "text"]
CHANNELS = ["email", "chat", "social", "app_review"]

LANG_WEIGHTS = dict(en=45, fr=10, de=9, es=8, it=5, pt=5, nl=5, ru=5, ja=5, ar=3)

# Weights per *case* (a case = one customer problem, 1-4 messages).  Tuned so
# that the resulting *message* shares follow a power law: refund ~15%, ...,
# payment_declined ~0.5%; praise ~12%, question ~8%.
ISSUE_WEIGHTS = dict(
    refund_not_received=9.3, late_delivery=7.4, app_crash_login=6.6,
    double_charge=3.6, wrong_item=4.0, password_reset=3.5, subscription_cancel=2.6,
    damaged_package=2.2, tracking_not_updating=1.75, promo_code_invalid=1.45,
    account_locked=1.1, slow_support_response=0.72, missing_invoice=0.7,
    payment_declined=0.5, praise=11.8, question=7.7, other=3.3,
)
BURST_ISSUE = "checkout_error_500"
BURST_SHARE = 0.07          # of all messages, all inside the last 14 days
# relative burst intensity for each of the 14 burst days (Mon 2 Nov .. Sun 15 Nov)
BURST_DAY_PROFILE = [0.15, 1.1, 2.7, 3.6, 3.9, 2.1, 1.7, 3.1, 2.9, 2.5, 1.9, 1.4, 0.8, 0.6]
NON_ISSUES = ("praise", "question", "other")

# probability that a case gets more than one message
REPEAT_P = dict(refund_not_received=0.40, late_delivery=0.32, slow_support_response=0.45,
                double_charge=0.30, subscription_cancel=0.30, tracking_not_updating=0.30,
                checkout_error_500=0.28)
REPEAT_DEFAULT = 0.20

CHANNEL_W = dict(
    default=(0.38, 0.32, 0.14, 0.16),
    app_crash_login=(0.22, 0.18, 0.14, 0.46),
    account_locked=(0.35, 0.30, 0.10, 0.25),
    password_reset=(0.40, 0.32, 0.08, 0.20),
    praise=(0.20, 0.22, 0.24, 0.34),
    question=(0.36, 0.50, 0.14, 0.0),
    other=(0.45, 0.45, 0.10, 0.0),
    missing_invoice=(0.72, 0.28, 0.0, 0.0),
    checkout_error_500=(0.26, 0.34, 0.28, 0.12),
    slow_support_response=(0.40, 0.25, 0.30, 0.05),
)

COMPETITORS = ["Shopwise", "Kartello", "NovaMart", "Buyzo"]
PROMOS = dict(en=["WELCOME10", "AUTUMN20", "FREESHIP", "SAVE15", "HALLOWEEN25"],
              fr=["BIENVENUE10", "RENTREE15", "AUTOMNE20", "FREESHIP"],
              de=["WILLKOMMEN10", "HERBST20", "GRATISVERSAND", "SAVE15"],
              es=["BIENVENIDA10", "OTONO20", "ENVIOGRATIS"],
              it=["BENVENUTO10", "AUTUNNO20", "SPEDIZIONEGRATIS"],
              pt=["BEMVINDO10", "OUTONO20", "PORTESGRATIS"],
              nl=["WELKOM10", "HERFST20", "GRATISVERZENDING"],
              ru=["OSEN20", "WELCOME10", "LUMIO500"],
              ja=["WELCOME10", "AKI20", "LUMIO500"],
              ar=["WELCOME10", "SALE20", "LUMIO15"])
EN_FOOTERS = ["Sent from my iPhone", "Sent from my iPad", "Sent from my Galaxy",
              "Get Outlook for Android", "Sent from Yahoo Mail on Android",
              "Sent from my Huawei phone"]
EMOJI_ANGRY = ["😡", "🤬", "😤", "🙄", "😩", "😭", "👎", "😠", "🤦"]
EMOJI_TOPIC = dict(refund_not_received="💸", double_charge="💸", subscription_cancel="💸",
                   payment_declined="💳", late_delivery="📦", damaged_package="📦",
                   tracking_not_updating="📦", wrong_item="📦", app_crash_login="📱")
EMOJI_HAPPY = ["👍", "😀", "🙏", "❤️", "🎉", "😊", "🙌", "👏", "✨"]
EMOJI_Q = ["🙂", "🤔", "🙏"]
LATIN = {"en", "fr", "de", "es", "it", "pt", "nl"}
ACCENTED = {"fr", "de", "es", "it", "pt", "nl"}
CASED = LATIN | {"ru"}

MONTHS = dict(
    en=["January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"],
    fr=["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre"],
    de=["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
        "September", "Oktober", "November", "Dezember"],
    es=["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre"],
    it=["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
        "settembre", "ottobre", "novembre", "dicembre"],
    pt=["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
        "setembro", "outubro", "novembro", "dezembro"],
    nl=["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december"],
    ru=["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
        "сентября", "октября", "ноября", "декабря"],
    ar=["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
        "أكتوبر", "نوفمبر", "ديسمبر"],
)
EN_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DATE_FORMATS = dict(
    en_us=["{m}/{d}/{y}", "{m}/{d}", "{mon} {d}", "{month} {d}"],
    en_uk=["{dd}/{mm}/{y}", "{d} {mon}", "{d} {month}", "{dth} {month}", "{dd}/{mm}"],
    fr=["{dd}/{mm}/{y}", "{d1} {month}", "{dd}/{mm}"],
    de=["{dd}.{mm}.{y}", "{d}. {month}", "{dd}.{mm}."],
    es=["{d}/{m}/{y}", "{d} de {month}", "{dd}/{mm}/{y}"],
    it=["{dd}/{mm}/{y}", "{d} {month}", "{d}/{m}"],
    pt=["{dd}/{mm}/{y}", "{d} de {month}", "{dd}/{mm}"],
    nl=["{dd}-{mm}-{y}", "{d} {month}", "{d}-{m}"],
    ru=["{dd}.{mm}.{y}", "{d} {month}", "{dd}.{mm}"],
    ja=["{m}月{d}日", "{y}/{mm}/{dd}", "{y}年{m}月{d}日"],
    ar=["{d}/{m}/{y}", "{d} {month}"],
)
HOUR_W = [1, .6, .4, .3, .3, .5, 1, 2, 4, 6, 7, 7, 6, 6, 6, 6, 6, 6, 5, 6, 7, 6, 4, 2]
WEEKDAY_W = [1.0, 1.06, 1.0, 0.97, 0.9, 0.55, 0.47]


# ------------------------------------------------------------ PII helpers --
def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return total % 10 == 0


def make_card(rng: random.Random) -> str:
    """A Luhn-valid Visa/Mastercard/Amex-shaped number (raw digits)."""
    r = rng.random()
    if r < 0.6:
        payload = "4" + digits(rng, 14)
    elif r < 0.9:
        payload = "5" + str(rng.randint(1, 5)) + digits(rng, 13)
    else:
        payload = rng.choice(["34", "37"]) + digits(rng, 12)
    return payload + luhn_check_digit(payload)


def format_card(rng: random.Random, num: str) -> str:
    if len(num) == 15:                          # Amex 4-6-5
        return f"{num[:4]} {num[4:10]} {num[10:]}" if rng.random() < 0.7 else num
    r = rng.random()
    groups = [num[i:i + 4] for i in range(0, 16, 4)]
    if r < 0.5:
        return " ".join(groups)
    if r < 0.72:
        return "-".join(groups)
    return num


def _iban_num(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def iban_from_bban(cc: str, bban: str) -> str:
    check = 98 - _iban_num(bban + cc + "00") % 97
    return f"{cc}{check:02d}{bban}"


def iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "")
    return _iban_num(s[4:] + s[:4]) % 97 == 1


_ES_W = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
_IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
           22, 25, 24, 23]


def _es_dc(ten: str) -> str:
    d = 11 - sum(int(a) * w for a, w in zip(ten, _ES_W)) % 11
    return str(0 if d == 11 else 1 if d == 10 else d)


def make_iban(rng: random.Random, cc: str) -> str:
    """A mod-97-valid IBAN; national check digits are valid too (FR, ES, IT, NL, PT)."""
    if cc == "DE":
        bban = str(rng.randint(1, 8)) + digits(rng, 7) + digits(rng, 10)
    elif cc == "FR":
        bank, branch, acct = digits(rng, 5), digits(rng, 5), digits(rng, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        bban = f"{bank}{branch}{acct}{key:02d}"
    elif cc == "ES":
        bank, branch, acct = digits(rng, 4), digits(rng, 4), digits(rng, 10)
        bban = bank + branch + _es_dc("00" + bank + branch) + _es_dc(acct) + acct
    elif cc == "IT":
        body = digits(rng, 5) + digits(rng, 5) + digits(rng, 12)
        tot = sum(_IT_ODD[int(c)] if i % 2 == 0 else int(c) for i, c in enumerate(body))
        bban = chr(65 + tot % 26) + body
    elif cc == "NL":
        while True:
            acct = digits(rng, 10)
            if sum(int(c) * (10 - i) for i, c in enumerate(acct)) % 11 == 0:
                break
        bban = rng.choice(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB"]) + acct
    elif cc in ("GB", "IE"):
        banks = ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"] if cc == "GB" else ["AIBK", "BOFI"]
        bban = rng.choice(banks) + digits(rng, 6) + digits(rng, 8)
    elif cc == "PT":
        base = digits(rng, 4) + digits(rng, 4) + digits(rng, 11)
        bban = base + f"{98 - (int(base) * 100) % 97:02d}"
    elif cc == "SA":
        bban = rng.choice(["10", "20", "45", "80"]) + digits(rng, 18)
    else:
        raise ValueError(cc)
    iban = iban_from_bban(cc, bban)
    assert iban_ok(iban)
    return iban


def format_iban(rng: random.Random, iban: str) -> str:
    if rng.random() < 0.62:
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


def make_phone(rng: random.Random, lang: str, region: str) -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    if lang == "en":
        if region == "us":
            a = rng.choice([212, 415, 312, 617, 206, 512, 303, 404])
            return rng.choice([f"({a}) 555-01{d(2)}", f"{a}-555-01{d(2)}",
                               f"+1 {a} 555 01{d(2)}", f"{a}.555.01{d(2)}"])
        if region == "ie":
            return rng.choice([f"+353 87 {d(3)} {d(4)}", f"087 {d(3)} {d(4)}"])
        return rng.choice([f"+44 20 7946 0{d(3)}", f"020 7946 0{d(3)}",
                           f"07700 900{d(3)}", f"+44 7700 900{d(3)}"])
    if lang == "fr":
        m = rng.choice("67")
        p = f"{d(2)} {d(2)} {d(2)} {d(2)}"
        return rng.choice([f"0{m} {p}", f"+33 {m} {p}", f"0{m}{d(8)}", f"0{m}.{d(2)}.{d(2)}.{d(2)}.{d(2)}",
                           f"01 {p}"])
    if lang == "de":
        mob = rng.choice(["151", "152", "160", "171", "176"])
        return rng.choice([f"+49 30 {d(7)}", f"030 {d(8)}", f"0{mob} {d(8)}",
                           f"+49 {mob} {d(8)}", f"0{mob}/{d(7)}", f"+49 (0)89 {d(7)}"])
    if lang == "es":
        m = rng.choice("67")
        return rng.choice([f"+34 {m}{d(2)} {d(2)} {d(2)} {d(2)}", f"{m}{d(2)} {d(2)} {d(2)} {d(2)}",
                           f"{m}{d(8)}", f"+34 91 {d(3)} {d(2)} {d(2)}"])
    if lang == "it":
        return rng.choice([f"+39 3{d(2)} {d(3)} {d(4)}", f"3{d(2)} {d(3)} {d(4)}",
                           f"3{d(2)} {d(7)}", f"+39 06 {d(8)}"])
    if lang == "pt":
        m = rng.choice(["91", "92", "93", "96"])
        return rng.choice([f"+351 {m}{d(1)} {d(3)} {d(3)}", f"{m}{d(1)} {d(3)} {d(3)}",
                           f"{m}{d(7)}"])
    if lang == "nl":
        return rng.choice([f"+31 6 {d(8)}", f"06-{d(8)}", f"06 {d(8)}", f"020 {d(3)} {d(4)}",
                           f"+31 (0)6 {d(8)}"])
    if lang == "ru":
        c = "9" + d(2)
        return rng.choice([f"+7 {c} {d(3)}-{d(2)}-{d(2)}", f"8 ({c}) {d(3)}-{d(2)}-{d(2)}",
                           f"8 {c} {d(3)} {d(2)} {d(2)}", f"+7 ({c}) {d(3)}-{d(2)}-{d(2)}"])
    if lang == "ja":
        m = rng.choice(["090", "080", "070"])
        return rng.choice([f"{m}-{d(4)}-{d(4)}", f"+81 {m[1:]}-{d(4)}-{d(4)}",
                           f"03-{d(4)}-{d(4)}"])
    if lang == "ar":
        return rng.choice([f"+966 5{d(1)} {d(3)} {d(4)}", f"05{d(1)} {d(3)} {d(4)}",
                           f"+971 50 {d(3)} {d(4)}", f"+9665{d(8)}"])
    raise ValueError(lang)


def make_ip(rng: random.Random) -> str:
    if rng.random() < 0.06:
        return f"2001:db8:{rng.randint(1, 0xffff):x}::{rng.randint(1, 0xffff):x}"
    net = rng.choice(["192.0.2", "198.51.100", "203.0.113", "192.168.1", "192.168.0"])
    return f"{net}.{rng.randint(2, 254)}"


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn")


def ascii_local(s: str) -> str:
    s = s.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    s = strip_accents(s).replace("ı", "i")
    return "".join(c for c in s if c.isalnum())


# --------------------------------------------------------------- customers --
class Customer:
    __slots__ = ("cid", "lang", "region", "name", "first", "sur", "email", "phone",
                 "card", "iban", "currency")


def en_region(rng):
    return rng.choices(["uk", "us", "ie"], [0.5, 0.42, 0.08])[0]


def make_customer(rng: random.Random, cid: str, lang: str) -> Customer:
    c = Customer()
    c.cid, c.lang = cid, lang
    c.region = en_region(rng) if lang == "en" else lang
    if lang in LATIN:
        firsts, lasts = NAMES[lang]
        first, last = rng.choice(firsts), rng.choice(lasts)
        if lang == "es" and rng.random() < 0.35:
            last = f"{last} {rng.choice(lasts)}"
        c.name, c.first, c.sur = f"{first} {last}", first, last
        fl, ll = ascii_local(first), ascii_local(last.split(" ")[0] if lang == "es" else last)
    elif lang == "ru":
        male, female, lasts = NAMES["ru"]
        fem = rng.random() < 0.5
        (fd, fl), (ld, ll) = rng.choice(female if fem else male), rng.choice(lasts)
        if fem:
            ld, ll = ld + "а", ll + "a"
        c.name, c.first, c.sur = f"{fd} {ld}", fd, ld
    elif lang == "ja":
        firsts, lasts = NAMES["ja"]
        (fd, fl), (ld, ll) = rng.choice(firsts), rng.choice(lasts)
        c.name = f"{ld}{fd}" if rng.random() < 0.6 else f"{ld} {fd}"
        c.first, c.sur = fd, ld
    else:  # ar
        firsts, lasts = NAMES["ar"]
        (fd, fl), (ld, ll) = rng.choice(firsts), rng.choice(lasts)
        c.name, c.first, c.sur = f"{fd} {ld}", fd, ld
    yy, nn = rng.randint(60, 99), rng.randint(1, 99)
    local = rng.choice([f"{fl}.{ll}", f"{fl}{ll}", f"{fl}_{ll}", f"{fl[0]}{ll}",
                        f"{fl}.{ll}{yy}", f"{fl}{ll}{nn}", f"{ll}.{fl}", f"{fl}{yy}"])
    dom = rng.choices(["example.com", "example.org", "example.net"], [0.5, 0.2, 0.3])[0]
    c.email = f"{local}@{dom}"
    c.phone = make_phone(rng, lang, c.region)
    c.card = make_card(rng)
    cc = dict(en="IE" if c.region == "ie" else "GB", fr="FR", de="DE", es="ES", it="IT",
              pt="PT", nl="NL", ar="SA").get(lang)
    if lang == "en" and c.region == "us":
        cc = None                       # US customers have no IBAN
    c.iban = make_iban(rng, cc) if cc else None
    c.currency = dict(us="USD", uk="GBP", ie="EUR").get(c.region, {
        "ru": "RUB", "ja": "JPY", "ar": "SAR"}.get(lang, "EUR"))
    return c


def utc_offset(c: Customer, when: dt.datetime) -> int:
    if c.lang == "en":
        if c.region == "us":
            return -4 if when < DST_END_US else -5
        return 1 if when < DST_END_EU else 0
    if c.lang in ("fr", "de", "es", "it", "nl"):
        return 2 if when < DST_END_EU else 1
    if c.lang == "pt":
        return 1 if when < DST_END_EU else 0
    return {"ru": 3, "ja": 9, "ar": 3}[c.lang]


# ---------------------------------------------------------- value formats --
def fmt_date(rng: random.Random, c: Customer, d: dt.date) -> str:
    if rng.random() < 0.07:
        return d.isoformat()
    key = ("en_us" if c.region == "us" else "en_uk") if c.lang == "en" else c.lang
    fmt = rng.choice(DATE_FORMATS[key])
    month = MONTHS.get(c.lang, MONTHS["en"])[d.month - 1]
    suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return fmt.format(d=d.day, dd=f"{d.day:02d}", m=d.month, mm=f"{d.month:02d}", y=d.year,
                      month=month, mon=MONTHS["en"][d.month - 1][:3],
                      dth=f"{d.day}{suffix}", d1="1er" if d.day == 1 else d.day)


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def fmt_amount(rng: random.Random, c: Customer) -> str:
    cur = c.currency
    if cur == "RUB":
        v = rng.choice([990, 1490, 2990, 4990, 7990, 12990, 24990])
        return rng.choice([f"{_group(v, ' ')} ₽", f"{v} руб.", f"{_group(v, ' ')} рублей"])
    if cur == "JPY":
        v = rng.choice([1980, 2980, 5980, 8800, 12800, 39800])
        return rng.choice([f"{v:,}円", f"¥{v:,}", f"{v}円"])
    if cur == "SAR":
        v = rng.choice([49, 99, 149, 199, 349, 899, 4999])
        return rng.choice([f"{v} ريال", f"SAR {v}", f"{v} ر.س"])
    v = rng.choice([9.99, 14.90, 19.99, 24.95, 29.99, 39.00, 49.99, 59.90, 79.99, 89.00,
                    129.00, 149.95, 249.00, 399.00, 1299.00])
    whole, cents = int(v), f"{round(v * 100) % 100:02d}"
    if c.lang == "en":
        sym = {"USD": "$", "GBP": "£", "EUR": "€"}[cur]
        s = f"{sym}{whole:,}.{cents}"
        return s[:-3] if cents == "00" and rng.random() < 0.4 else s
    thou = " " if c.lang == "fr" else "."
    num = f"{_group(whole, thou)},{cents}"
    return rng.choice({
        "fr": [f"{num} €", f"{num}€", f"{num} euros"],
        "de": [f"{num} €", f"{num}€", f"{num} EUR"],
        "es": [f"{num} €", f"{num}€"],
        "it": [f"{num} €", f"€ {num}", f"{num} euro"],
        "pt": [f"{num} €", f"{num}€"],
        "nl": [f"€ {num}", f"€{num}", f"{num} euro"],
    }[c.lang])


def make_order(rng: random.Random) -> tuple[str, str]:
    """(display form, digits for URLs). Look-alikes, not PII."""
    a, b, n7 = digits(rng, 5), digits(rng, 3), str(rng.randint(1000000, 9999999))
    r = rng.random()
    if r < 0.3:
        return f"#A{a}-{b}", f"A{a}-{b}"
    if r < 0.4:
        return f"A{a}-{b}", f"A{a}-{b}"
    if r < 0.65:
        return f"#{n7}", n7
    if r < 0.9:
        return n7, n7
    n6 = digits(rng, 6)
    return f"LM-{n6}", f"LM-{n6}"


S10_COUNTRY = dict(en="GB", fr="FR", de="DE", es="ES", it="IT", pt="PT", nl="NL", ru="RU",
                   ja="JP", ar="SA")


def make_tracking(rng: random.Random, lang: str) -> str:
    r = rng.random()
    if r < 0.45:   # UPS-like
        alnum = "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTVWXY") for _ in range(6))
        return f"1Z{alnum}{digits(rng, 10)}"
    if r < 0.8:    # UPU S10 with a correct check digit
        body = digits(rng, 8)
        s = 11 - sum(int(x) * w for x, w in zip(body, [8, 6, 4, 2, 3, 5, 9, 7])) % 11
        chk = 0 if s == 10 else 5 if s == 11 else s
        pre = rng.choice(["LX", "RR", "CP", "EJ", "LY"])
        return f"{pre}{body}{chk}{S10_COUNTRY[lang]}"
    return "JJD" + digits(rng, 18)


def app_version(rng: random.Random, when: dt.datetime) -> str:
    if when < dt.datetime(2026, 9, 28, tzinfo=UTC):
        v = rng.choice(["4.2.0", "4.2.1"])
    elif when < dt.datetime(2026, 10, 19, tzinfo=UTC):
        v = rng.choice(["4.3.0", "4.3.1", "4.3.2"])
    else:
        v = rng.choice(["4.4.0", "4.4.1"])
    return ("v" + v) if rng.random() < 0.55 else v


def days_word(lang: str, n: int) -> str:
    if lang == "ru":
        w = "день" if n % 10 == 1 and n % 100 != 11 else \
            "дня" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "дней"
        return f"{n} {w}"
    if lang == "ar":
        return "يوم واحد" if n == 1 else "يومين" if n == 2 else \
            f"{n} أيام" if n <= 10 else f"{n} يوماً"
    return str(n)


# ---------------------------------------------------------------- styling --
class Fill(dict):
    def __missing__(self, key):
        raise KeyError(f"placeholder {{{key}}} has no value")


def typo(rng: random.Random, s: str) -> str:
    words = s.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not idx:
        return s
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    op = rng.random()
    if op < 0.45:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif op < 0.75:
        w = w[:j] + w[j + 1:]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def de_ascii(s: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"),
                     ("Ü", "Ue"), ("ß", "ss")):
            s = s.replace(a, b)
    return strip_accents(s)


def intensify(rng: random.Random, s: str, lang: str) -> str:
    q, e = ("？", "！") if lang == "ja" else ("؟", "!") if lang == "ar" else ("?", "!")
    if s.endswith(q):
        return s[:-1] + rng.choice([q * 3, q * 2, q + e, q * 4])
    if s.endswith(e):
        return s[:-1] + rng.choice([e * 3, e * 2, e * 5])
    if s.endswith(".") and lang not in ("ja",):
        return s[:-1] + rng.choice(["!!!", "!!", "!"])
    return s


# --------------------------------------------------------------- generator --
class Generator:
    def __init__(self, seed: int, n: int):
        self.rng = random.Random(seed)
        self.n = n
        self.customers: list[Customer] = []
        self.used_ids: set[int] = set()
        self.rows: list[dict] = []
        self.pii_rows = 0
        rng = self.rng
        self.day_w = [WEEKDAY_W[(START + dt.timedelta(days=i)).weekday()]
                      * (1 + 0.004 * i) * rng.uniform(0.85, 1.15) for i in range(N_DAYS)]

    # -- customers & time ----------------------------------------------
    def new_customer(self, lang: str | None = None) -> Customer:
        rng = self.rng
        if lang is None:
            lang = rng.choices(list(LANG_WEIGHTS), list(LANG_WEIGHTS.values()))[0]
        while True:
            k = rng.randint(100, 99999)
            if k not in self.used_ids:
                self.used_ids.add(k)
                break
        c = make_customer(rng, f"C-{k:05d}", lang)
        self.customers.append(c)
        return c

    def pick_customer(self, reuse_p: float) -> Customer:
        if self.customers and self.rng.random() < reuse_p:
            return self.rng.choice(self.customers)
        return self.new_customer()

    def sample_time(self, c: Customer, burst: bool) -> dt.datetime:
        rng = self.rng
        while True:
            if burst:
                day = 56 + rng.choices(range(14), BURST_DAY_PROFILE)[0]
            else:
                day = rng.choices(range(N_DAYS), self.day_w)[0]
            hour = rng.choices(range(24), HOUR_W)[0]
            local = START + dt.timedelta(days=day, hours=hour, minutes=rng.randrange(60),
                                         seconds=rng.randrange(60))
            t = local - dt.timedelta(hours=utc_offset(c, local))
            if burst and t < BURST_START + dt.timedelta(hours=13):
                continue                          # the incident starts Monday ~13:00 UTC
            lo = BURST_START if burst else START
            if lo <= t < END:
                return t

    def later(self, c: Customer, t: dt.datetime, kind: str) -> dt.datetime:
        rng = self.rng
        if kind == "short":
            return t + dt.timedelta(minutes=rng.uniform(3, 50))
        if kind == "ack":
            return t + dt.timedelta(minutes=rng.uniform(5, 180))
        r = rng.random()
        hours = rng.uniform(4, 24) if r < 0.3 else rng.uniform(24, 96) if r < 0.8 \
            else rng.uniform(96, 192)
        t2 = t + dt.timedelta(hours=hours)
        local_h = (t2 + dt.timedelta(hours=utc_offset(c, t2))).hour
        if local_h < 7:
            t2 += dt.timedelta(hours=8)
        return t2

    # -- cases ----------------------------------------------------------
    def make_case(self, issue: str, burst: bool) -> list[dict]:
        rng = self.rng
        c = self.pick_customer(0.15 if burst else 0.10)
        t0 = self.sample_time(c, burst)
        n_msgs = 1
        if issue not in NON_ISSUES:
            p = REPEAT_P.get(issue, REPEAT_DEFAULT)
            r = rng.random()
            n_msgs = 1 if r > p else 2 if r > p * 0.4 else 3 if r > p * 0.1 else 4
        cw = CHANNEL_W.get(issue, CHANNEL_W["default"])
        ch0 = rng.choices(CHANNELS, cw)[0]
        base_days = rng.randint(3, 18)
        order, order_digits = make_order(rng)
        ctx = dict(order=order, order_digits=order_digits, amount=fmt_amount(rng, c),
                   date=fmt_date(rng, c, (t0 - dt.timedelta(days=base_days)).date()),
                   due=fmt_date(rng, c, (t0 - dt.timedelta(
                       days=base_days - rng.randint(2, max(2, base_days - 1)))).date()),
                   track=make_tracking(rng, c.lang), promo=rng.choice(PROMOS[c.lang]),
                   competitor=rng.choice(COMPETITORS), last4=c.card[-4:],
                   case=rng.choice(["#", "", "n° " if c.lang == "fr" else ""]) + f"CS-{digits(rng, 6)}",
                   os=rng.choice(["iOS 18.1", "iOS 17.6.1", "Android 14", "Android 15",
                                  "my Pixel 8", "an iPhone 13", "a Galaxy S23"]),
                   sur=c.sur, ver=app_version(rng, t0))
        plan = [("first", ch0)]
        for stage in range(1, n_msgs):
            prev_ch = plan[-1][1]
            if prev_ch == "app_review":
                ch = rng.choices(["email", "chat", "social"], [0.45, 0.35, 0.2])[0]
            elif rng.random() < 0.7:
                ch = prev_ch
            else:
                ch = rng.choice(["email", "chat", "social"])
            kind = "short" if ch == "chat" and rng.random() < 0.45 else "esc"
            plan.append((kind, ch))
        if issue not in NON_ISSUES and plan[-1][1] == "chat" and rng.random() < 0.12:
            plan.append(("ack", "chat"))
        msgs, t, used = [], t0, set()
        stage = 0
        for kind, ch in plan:
            if kind != "first":
                t_new = self.later(c, t, kind)
                if t_new >= END:
                    break
                if kind == "esc":
                    stage += 1
                prev, t = t, t_new
            else:
                prev = None
            ctx["days"] = base_days + (t - t0).days
            ctx["days_w"] = days_word(c.lang, ctx["days"])
            since = max(1, (t - t0).days)
            ctx["since"], ctx["since_w"], ctx["k"] = since, days_word(c.lang, since), stage + 1
            ctx["prevdate"] = fmt_date(rng, c, (prev or t).date())
            text, has_pii = self.render(c, issue, ch, kind, stage, ctx, used, prev, t)
            msgs.append(dict(customer_id=c.cid, created=t, channel=ch, lang_true=c.lang,
                             issue_true=issue, text=text, pii=has_pii))
        return msgs

    # -- text -------------------------------------------------------------
    def fill(self, tpl: str, ctx: dict) -> str:
        return tpl.format_map(Fill(ctx))

    def pick(self, pool: list[str], ctx: dict, avoid: set | None = None) -> str:
        rng = self.rng
        cands = [p for p in pool if not avoid or p not in avoid] or pool
        if ctx.get("since", 9) < 2:
            cands = [p for p in cands if "{since" not in p] or cands
        tpl = rng.choice(cands)
        if avoid is not None:
            avoid.add(tpl)
        return self.fill(tpl, ctx)

    def pii_sentences(self, c: Customer, issue: str, channel: str, ctx: dict) -> list[str]:
        rng = self.rng
        L = LEX[c.lang]
        w = dict(email=30, phone=30, url=15, card=8, iban=5, ip=3)
        if issue in ("double_charge", "payment_declined", "subscription_cancel",
                     "checkout_error_500"):
            w.update(card=30, email=20, phone=15, url=15, iban=3, ip=2)
        elif issue == "refund_not_received":
            w.update(iban=25, card=14, email=20, phone=20, url=12, ip=1)
        elif issue in ("account_locked", "app_crash_login", "password_reset"):
            w.update(email=40, ip=22, phone=20, url=5, card=2, iban=0)
        elif issue in NON_ISSUES:
            w = dict(email=50, phone=40, url=10)
        if not c.iban or not L["pii"]["iban"]:
            w.pop("iban", None)
        kinds = list(w)
        chosen = [rng.choices(kinds, [w[k] for k in kinds])[0]]
        if rng.random() < 0.18:
            other = rng.choices(kinds, [w[k] for k in kinds])[0]
            if other not in chosen:
                chosen.append(other)
        out = []
        for k in chosen:
            val = dict(email=lambda: c.email, phone=lambda: c.phone,
                       card=lambda: format_card(rng, c.card),
                       iban=lambda: format_iban(rng, c.iban), ip=lambda: make_ip(rng),
                       url=lambda: self.make_url(c, issue, ctx))[k]()
            out.append(self.fill(rng.choice(L["pii"][k]), dict(ctx, **{k: val})))
        return out

    def make_url(self, c: Customer, issue: str, ctx: dict) -> str:
        rng = self.rng
        host = "https://shop.example.com" if rng.random() < 0.9 else "http://shop.example.com"
        loc = "" if c.lang == "en" or rng.random() < 0.5 else f"/{c.lang}"
        if issue == "checkout_error_500":
            sess = "".join(rng.choice("0123456789abcdef") for _ in range(16))
            return f"{host}{loc}/checkout/payment?session={sess}"
        if issue in ("tracking_not_updating", "late_delivery") and rng.random() < 0.5:
            return f"https://track.example.net/?id={ctx['track']}"
        if issue == "refund_not_received" and rng.random() < 0.5:
            return f"{host}{loc}/account/returns/R-{digits(rng, 5)}"
        if issue in ("app_crash_login", "password_reset", "account_locked"):
            return f"{host}{loc}/account/login?redirect=%2Forders"
        return rng.choice([f"{host}{loc}/orders/{ctx['order_digits']}",
                           f"{host}/account/orders/{ctx['order_digits']}?ref=email"])

    def body_sentences(self, c, issue, channel, kind, stage, ctx, used) -> list[str]:
        rng = self.rng
        L = LEX[c.lang]
        if issue in NON_ISSUES:
            return [self.pick(L[issue], ctx)]
        I = L["issues"][issue]
        demand_p = dict(email=0.85, chat=0.45, social=0.4, app_review=0.3)[channel]
        s = []
        if kind == "first":
            open_p = dict(email=0.45, chat=0.12, social=0.0, app_review=0.0)[channel]
            core = self.pick(I["core"], ctx, used)
            if rng.random() < open_p:
                op = rng.choice(L["open"])
                if not ("{order}" in op and ctx["order"] in core):
                    s.append(self.fill(op, ctx))
            s.append(core)
            if channel == "email" and rng.random() < 0.3 and len(I["core"]) > 2:
                formal = [x for x in I["core"] if not x[0].islower()]   # no chat-style
                s.append(self.pick(formal, ctx, used))
            if rng.random() < demand_p:
                pool = I["demand"] if rng.random() < 0.7 else L["demand"]
                s.append(self.pick(pool, ctx))
            return s
        # escalation
        pool = L["esc1"] if stage <= 1 else L["esc2"] + (L["esc3rd"] if stage == 2 else [])
        s.append(self.pick(pool, ctx))
        if rng.random() < 0.7:
            s.append(self.pick(I["core"], ctx, used))
        if (stage >= 2 and rng.random() < 0.75) or (stage == 1 and rng.random() < 0.25):
            s.append(self.pick(L["threat"], ctx))
        elif rng.random() < 0.5:
            s.append(self.pick(I["demand"], ctx))
        return s

    def style(self, c, issue, channel, stage, sents: list[str]) -> list[str]:
        rng = self.rng
        lang = c.lang
        angry = issue not in NON_ISSUES
        out = list(sents)
        if lang in CASED:
            low_p = dict(email=0.03, chat=0.3, social=0.28, app_review=0.12)[channel]
            caps_p = (0.02 if stage == 0 else 0.09) * (2 if channel == "social" else 1)
            if angry and rng.random() < caps_p:
                out = [x.upper() for x in out]
            elif rng.random() < low_p:
                out = [x.lower() for x in out]
        if lang in ACCENTED:
            na_p = dict(email=0.05, chat=0.25, social=0.2, app_review=0.15)[channel]
            if rng.random() < na_p:
                out = [de_ascii(x, rng) if lang == "de" else strip_accents(x) for x in out]
                if lang == "es" and rng.random() < 0.7:
                    out = [x.replace("¿", "").replace("¡", "") for x in out]
        if lang == "ru" and rng.random() < 0.7:
            out = [x.replace("ё", "е").replace("Ё", "Е") for x in out]
        if lang in CASED and rng.random() < 0.12:
            i = rng.randrange(len(out))
            out[i] = typo(rng, out[i])
        if angry and rng.random() < (0.22 if channel != "email" else 0.08):
            out[-1] = intensify(rng, out[-1], lang)
        return out

    def punctuate(self, lang: str, parts: list[str]) -> list[str]:
        """Casual parts have no final stop; usually add one before the next part."""
        if lang == "ja":
            return parts
        out = list(parts)
        for i in range(len(out) - 1):
            p = out[i]
            if p and p[-1].isalnum() and "://" not in p and self.rng.random() < 0.7:
                out[i] = p + "."
        return out

    def join(self, lang: str, parts: list[str]) -> str:
        if lang != "ja":
            return " ".join(parts)
        out = ""
        for p in parts:
            if out and out[-1] not in "。！？!?…）)":
                out += " "
            out += p
        return out

    def add_emoji(self, c, issue, channel, text: str) -> str:
        rng = self.rng
        if issue == "praise":
            p, pool = dict(email=0.1, chat=0.3, social=0.6, app_review=0.4)[channel], EMOJI_HAPPY
        elif issue in ("question", "other"):
            p, pool = 0.08, EMOJI_Q
        else:
            p = dict(email=0.03, chat=0.2, social=0.45, app_review=0.25)[channel]
            pool = EMOJI_ANGRY + [EMOJI_TOPIC[issue]] * 3 if issue in EMOJI_TOPIC else EMOJI_ANGRY
        if rng.random() >= p:
            return text
        e = rng.choice(pool)
        e = e * rng.choice([1, 1, 1, 2, 3])
        sep = "" if c.lang == "ja" or rng.random() < 0.3 else " "
        return text + sep + e

    def render(self, c, issue, channel, kind, stage, ctx, used, prev, now):
        rng = self.rng
        L = LEX[c.lang]
        if kind == "short":
            text = rng.choice(L["followup"])
            return self.add_emoji(c, issue, channel, text), False
        if kind == "ack":
            return rng.choice(L["ack"]) + (rng.choice([" 🙏", " 👍", ""]) ), False
        sents = self.style(c, issue, channel, stage, self.body_sentences(
            c, issue, channel, kind, stage, ctx, used))
        pii_p = dict(email=0.2, chat=0.165, social=0.05, app_review=0.02)[channel]
        pii = []
        if channel == "social" and issue in NON_ISSUES:
            pii_p = 0.0
        if rng.random() < pii_p:
            pii = self.pii_sentences(c, issue, channel, ctx)
            pos = rng.randint(1, len(sents))
            sents[pos:pos] = pii
        sents = self.punctuate(c.lang, sents)
        body = self.join(c.lang, sents)
        has_pii = bool(pii)
        sep = "、" if c.lang == "ja" else "، " if c.lang == "ar" else ", "
        if channel == "chat":
            if kind == "first" and rng.random() < 0.35:
                hi = rng.choice(L["chat_hi"])
                if c.lang in CASED and not body.startswith(("I ", "I'")):
                    body = body[0].lower() + body[1:]
                body = hi + (" " if hi[-1] in ",،、" else sep) + body
            return self.add_emoji(c, issue, channel, body), has_pii
        if channel == "social":
            r = rng.random()
            handle = "@LumioHelp " if r < 0.55 else "@Lumio " if r < 0.7 else ""
            body = handle + body
            if rng.random() < 0.25:
                # tags[0] is the neutral brand tag; the others are complaints
                body += " " + (L["tags"][0] if issue in NON_ISSUES else rng.choice(L["tags"]))
            return self.add_emoji(c, issue, channel, body), has_pii
        if channel == "app_review":
            if issue == "praise":
                if rng.random() < 0.4:
                    body = rng.choice(["★★★★★", "5/5", "5 ⭐"]) + " " + body
            elif rng.random() < 0.4:
                body = rng.choice(L["stars"]) + " " + body
            return self.add_emoji(c, issue, channel, body), has_pii
        # email
        if len(sents) >= 3 and rng.random() < 0.45:
            cut = rng.randint(1, len(sents) - 1)
            body = self.join(c.lang, sents[:cut]) + "\n\n" + self.join(c.lang, sents[cut:])
        body = self.add_emoji(c, issue, channel, body)
        lines = []
        if rng.random() < 0.88:
            greet = rng.choice(L["greet"])
            if L["self_intro"] and rng.random() < 0.5:
                greet += "\n" + self.fill(rng.choice(L["self_intro"]), ctx)
            lines.append(greet + "\n\n" + body)
        else:
            lines.append(body)
        if rng.random() < 0.82:
            name = c.name if rng.random() < 0.7 else (c.sur if c.lang == "ja" else c.first)
            sig = rng.choice(L["closing"]) + "\n" + name
            if rng.random() < 0.12:
                sig += "\n" + (c.phone if rng.random() < 0.6 else c.email)
                has_pii = True
            lines.append(sig)
        if rng.random() < 0.1:
            loc = L["mobile_local"]
            lines.append(rng.choice(loc) if loc and rng.random() < 0.4 else rng.choice(EN_FOOTERS))
        if kind == "esc" and prev is not None and rng.random() < 0.4:
            lines.append(self.quote(c, ctx, prev, now))
        return "\n\n".join(lines), has_pii

    def quote(self, c, ctx, prev, now) -> str:
        rng = self.rng
        L = LEX[c.lang]
        span = max(60.0, (now - prev).total_seconds() * 0.8)
        qt = prev + dt.timedelta(seconds=rng.uniform(30, span))
        lt = qt + dt.timedelta(hours=utc_offset(c, qt))
        if c.lang == "en" and c.region == "us":
            qdate = f"{EN_WEEKDAYS[lt.weekday()]}, {MONTHS['en'][lt.month - 1][:3]} {lt.day}, {lt.year}"
            h12 = lt.hour % 12 or 12
            qtime = f"{h12}:{lt.minute:02d} {'AM' if lt.hour < 12 else 'PM'}"
        elif c.lang == "en":
            qdate = f"{EN_WEEKDAYS[lt.weekday()]}, {lt.day} {MONTHS['en'][lt.month - 1][:3]} {lt.year}"
            qtime = f"{lt.hour:02d}:{lt.minute:02d}"
        else:
            fmt = {"de": "%d.%m.%Y", "ru": "%d.%m.%Y", "nl": "%d-%m-%Y", "ja": "%Y/%m/%d"}.get(
                c.lang, "%d/%m/%Y")
            qdate, qtime = lt.strftime(fmt), f"{lt.hour:02d}:{lt.minute:02d}"
        hdr = L["quote_hdr"].format(qdate=qdate, qtime=qtime)
        body = self.fill(rng.choice(L["quote_body"]), ctx)
        return hdr + "\n> " + body + "\n>\n> Lumio Support"

    # -- driver -----------------------------------------------------------
    def run(self) -> list[dict]:
        rng = self.rng
        n_burst = round(self.n * BURST_SHARE)
        n_bg = self.n - n_burst
        issues, weights = list(ISSUE_WEIGHTS), list(ISSUE_WEIGHTS.values())
        bg: list[dict] = []
        while len(bg) < n_bg:
            bg.extend(self.make_case(rng.choices(issues, weights)[0], burst=False))
        burst: list[dict] = []
        while len(burst) < n_burst:
            burst.extend(self.make_case(BURST_ISSUE, burst=True))
        msgs = bg[:n_bg] + burst[:n_burst]
        msgs.sort(key=lambda m: (m["created"], m["customer_id"]))
        rows = []
        for i, m in enumerate(msgs, 1):
            rows.append(dict(ticket_id=f"T-{i:06d}", customer_id=m["customer_id"],
                             created_at=m["created"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                             channel=m["channel"], lang_true=m["lang_true"],
                             issue_true=m["issue_true"], text=m["text"]))
            self.pii_rows += m["pii"]
        self.rows = rows
        return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=6000, help="number of messages (default 6000)")
    ap.add_argument("--out", default=os.path.join(HERE, "sample_tickets.csv"))
    args = ap.parse_args(argv)
    if args.n < 100:
        ap.error("--n must be at least 100")
    g = Generator(args.seed, args.n)
    rows = g.run()
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)   # RFC 4180: CRLF, minimal quoting
        w.writeheader()
        w.writerows(rows)
    langs = Counter(r["lang_true"] for r in rows)
    issues = Counter(r["issue_true"] for r in rows)
    print(f"wrote {len(rows)} rows, {len({r['customer_id'] for r in rows})} customers "
          f"-> {args.out} ({os.path.getsize(args.out) / 1e6:.2f} MB)")
    print("languages:", ", ".join(f"{k} {v / len(rows):.1%}" for k, v in langs.most_common()))
    print("issues:   ", ", ".join(f"{k} {v / len(rows):.1%}" for k, v in issues.most_common()))
    print(f"messages with planted PII (generator's own count): {g.pii_rows / len(rows):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
