#!/usr/bin/env python3
"""Sanity-check corpora/sample_tickets.csv (standard library only).

Prints counts per language, channel, issue, the weekly volume of the
checkout_error_500 burst and the share of messages carrying PII (found with
simple independent regexes), then asserts the archive's contract:

  * header/columns, >= 6000 rows, unique ticket ids sorted by created_at
  * >= 10 weeks covered, >= 8 languages incl. non-Latin scripts (ru, ja)
  * >= 15 distinct issues besides praise/question/other, power-law sizes
  * checkout_error_500 only in the last 14 days, and a real burst (>= 200)
  * repeat contacts exist
  * every card-number-shaped digit run is Luhn-valid, every IBAN passes mod 97
  * PII in roughly 10-25 % of messages; look-alikes present

    python3 corpora/check_sample_archive.py [path/to/sample_tickets.csv]
Exit status 0 when all checks pass.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import sys
from collections import Counter, defaultdict

COLUMNS = ["ticket_id", "customer_id", "created_at", "channel", "lang_true",
           "issue_true", "text"]
NON_ISSUES = {"praise", "question", "other"}
BURST = "checkout_error_500"

EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?![A-Za-z0-9])")
URL_RE = re.compile(r"\bhttps?://[^\s<>\"')]+")
IBAN_LEN = dict(DE=22, FR=27, ES=24, IT=27, NL=18, GB=22, IE=22, PT=25, SA=24, BE=16, AT=20)
IBAN_RE = re.compile(r"\b([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){10,32})")
CARD_RE = re.compile(r"(?<![0-9A-Za-z+/.-])(?:\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}|\d{4} \d{6} \d{5}|\d{13,19})(?![0-9A-Za-z/])")
IPV4_RE = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
IPV6_RE = re.compile(r"\b2001:db8:[0-9a-f:]+", re.I)
PHONE_RES = [
    re.compile(r"\+\d{1,3}(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{1,4}\)?){2,5}"),      # international
    re.compile(r"\(\d{3}\) ?\d{3}-\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b"),           # US
    re.compile(r"(?<![0-9A-Za-z/.,-])0\d{1,4}(?:[ ./-]?\d{2,8}){1,4}(?![0-9A-Za-z]|[/.,]\d)"),  # national 0...
    re.compile(r"\b8 ?\(?9\d{2}\)? ?\d{3}[ -]?\d{2}[ -]?\d{2}\b"),               # ru 8 (9xx)
    re.compile(r"(?<![0-9A-Za-z#-])[3679]\d{2} ?\d{2,3} ?\d{2,3}(?: ?\d{2,4})?(?![0-9A-Za-z-]|[.,]\d)"),  # es/it/pt mobiles
]
LOOKALIKE_RES = dict(
    order=re.compile(r"#A\d{5}-\d{3}|\b\d{7}\b|\bLM-\d{6}\b"),
    tracking=re.compile(r"\b1Z[0-9A-Z]{16}\b|\b[A-Z]{2}\d{9}[A-Z]{2}\b|\bJJD\d{18}\b"),
    price=re.compile(r"[€$£¥]\s?\d[\d,.]*|\d[\d.,  ]*\s?(?:€|EUR|euros?|₽|руб|円|ريال|SAR)"),
    date=re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]20\d\d\b|\b20\d\d-\d\d-\d\d\b|20\d\d/\d\d/\d\d"),
    version=re.compile(r"\bv?\d{1,2}\.\d{1,2}\.\d{1,2}\b"),
)


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        v = int(ch)
        if i % 2 == 1:
            v = v * 2 - 9 if v > 4 else v * 2
        total += v
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    s = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def find_pii(text: str) -> tuple[dict, list[str], list[str]]:
    """Return ({kind: count}, card strings, IBAN strings); masks as it goes."""
    found: Counter = Counter()
    ibans, cards = [], []
    t = URL_RE.sub(lambda m: found.update(["url"]) or " URL ", text)
    t = EMAIL_RE.sub(lambda m: found.update(["email"]) or " EMAIL ", t)

    def iban_sub(m):
        cc = m.group(1)
        if cc not in IBAN_LEN:
            return m.group(0)
        compact = (m.group(0)).replace(" ", "")
        n = IBAN_LEN[cc]
        if len(compact) < n:
            return m.group(0)
        cand = compact[:n]
        ibans.append(cand)
        found["iban"] += 1
        # consume only the characters that belong to the IBAN
        consumed, k = 0, 0
        raw = m.group(0)
        while consumed < n:
            if raw[k] != " ":
                consumed += 1
            k += 1
        return " IBAN " + raw[k:]
    t = IBAN_RE.sub(iban_sub, t)

    def card_sub(m):
        cards.append(re.sub(r"[ -]", "", m.group(0)))
        found["card"] += 1
        return " CARD "
    t = CARD_RE.sub(card_sub, t)
    t = IPV6_RE.sub(lambda m: found.update(["ip"]) or " IP ", t)
    t = IPV4_RE.sub(lambda m: found.update(["ip"]) or " IP ", t)
    for rx in PHONE_RES:
        def ph(m):
            nd = sum(ch.isdigit() for ch in m.group(0))
            if 9 <= nd <= 13:
                found["phone"] += 1
                return " PHONE "
            return m.group(0)
        t = rx.sub(ph, t)
    return dict(found), cards, ibans


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "sample_tickets.csv")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    failures: list[str] = []

    def check(cond: bool, msg: str) -> None:
        print(("  ok   " if cond else "  FAIL ") + msg)
        if not cond:
            failures.append(msg)

    n = len(rows)
    times = [dt.datetime.strptime(r["created_at"], "%Y-%m-%dT%H:%M:%SZ") for r in rows]
    first, last = min(times), max(times)
    langs = Counter(r["lang_true"] for r in rows)
    chans = Counter(r["channel"] for r in rows)
    issues = Counter(r["issue_true"] for r in rows)

    print(f"{path}: {n} rows, {os.path.getsize(path) / 1e6:.2f} MB, "
          f"{first:%Y-%m-%d} .. {last:%Y-%m-%d}")
    print("\nlanguages:")
    for k, v in langs.most_common():
        print(f"  {k:4s} {v:5d}  {v / n:6.1%}")
    print("channels:")
    for k, v in chans.most_common():
        print(f"  {k:11s} {v:5d}  {v / n:6.1%}")
    print("issues:")
    for k, v in issues.most_common():
        print(f"  {k:24s} {v:5d}  {v / n:6.1%}")

    week0 = first.date() - dt.timedelta(days=first.weekday())
    weekly = Counter((t.date() - week0).days // 7 for t in times)
    burst_weekly = Counter((t.date() - week0).days // 7
                           for t, r in zip(times, rows) if r["issue_true"] == BURST)
    print(f"\nweekly volume (all / {BURST}):")
    for w in sorted(weekly):
        start = week0 + dt.timedelta(weeks=w)
        print(f"  week of {start}  {weekly[w]:5d}  {burst_weekly.get(w, 0):5d}")

    pii_kinds: Counter = Counter()
    pii_rows = 0
    all_cards, all_ibans = [], []
    for r in rows:
        found, cards, ibans = find_pii(r["text"])
        all_cards += cards
        all_ibans += ibans
        if found:
            pii_rows += 1
            pii_kinds.update(found.keys())
    print(f"\nmessages with PII: {pii_rows} ({pii_rows / n:.1%}); by kind (rows): "
          + ", ".join(f"{k} {v}" for k, v in pii_kinds.most_common()))
    look = {k: sum(1 for r in rows if rx.search(r["text"])) for k, rx in LOOKALIKE_RES.items()}
    print("rows with PII look-alikes: " + ", ".join(f"{k} {v}" for k, v in look.items()))

    per_cust = Counter(r["customer_id"] for r in rows)
    repeat_same_issue = Counter()
    by_cust_issue = defaultdict(int)
    for r in rows:
        by_cust_issue[(r["customer_id"], r["issue_true"])] += 1
    for (c, i), v in by_cust_issue.items():
        if v >= 2 and i not in NON_ISSUES:
            repeat_same_issue[v] += 1
    print(f"customers: {len(per_cust)}; with >=2 messages: "
          f"{sum(1 for v in per_cust.values() if v >= 2)}; "
          f"same-issue repeat threads by length: {dict(sorted(repeat_same_issue.items()))}")

    print("\nchecks:")
    check(header == COLUMNS, f"columns are {COLUMNS}")
    check(n >= 6000, f">= 6000 rows ({n})")
    ids = [r["ticket_id"] for r in rows]
    check(len(set(ids)) == n and all(re.fullmatch(r"T-\d{6}", i) for i in ids),
          "ticket_id unique, format T-NNNNNN")
    check(all(a <= b for a, b in zip(times, times[1:])) and ids == sorted(ids),
          "rows and ticket ids sorted by created_at")
    check(all(re.fullmatch(r"C-\d{5}", r["customer_id"]) for r in rows), "customer_id format")
    check(set(chans) <= {"email", "chat", "social", "app_review"} and len(chans) == 4,
          "channels = email, chat, social, app_review")
    span_days = (last.date() - first.date()).days + 1
    check(span_days >= 70, f">= 10 weeks covered ({span_days} days)")
    check(len(langs) >= 8 and {"ru", "ja"} <= set(langs), f">= 8 languages incl. ru, ja ({len(langs)})")
    check(langs.most_common(1)[0][0] == "en" and 0.38 <= langs["en"] / n <= 0.52,
          "English is the largest language, ~45 %")
    check(all(v / n >= 0.02 for v in langs.values()), "every language >= 2 %")
    real_issues = [k for k in issues if k not in NON_ISSUES]
    check(len(real_issues) >= 15, f">= 15 issues besides praise/question/other ({len(real_issues)})")
    sizes = sorted((issues[k] / n for k in real_issues if k != BURST), reverse=True)
    check(0.12 <= sizes[0] <= 0.19 and sizes[-1] <= 0.01 and sizes[0] / sizes[-1] >= 15,
          f"power-law issue sizes (largest {sizes[0]:.1%}, smallest {sizes[-1]:.1%})")
    check(0.09 <= issues["praise"] / n <= 0.15 and 0.06 <= issues["question"] / n <= 0.11,
          "praise ~12 %, questions ~8 %")
    burst_times = [t for t, r in zip(times, rows) if r["issue_true"] == BURST]
    cutoff = dt.datetime.combine(last.date() - dt.timedelta(days=13), dt.time())
    check(len(burst_times) >= 200, f"{BURST} is a burst ({len(burst_times)} messages)")
    check(min(burst_times) >= cutoff, f"{BURST} confined to the last 2 weeks "
          f"(first {min(burst_times):%Y-%m-%d %H:%M}, window starts {cutoff:%Y-%m-%d})")
    weekday = sum(1 for t in times if t.weekday() < 5) / 5
    weekend = sum(1 for t in times if t.weekday() >= 5) / 2
    check(weekend < 0.8 * weekday, f"weekday/weekend variation ({weekday / 10:.0f} vs "
          f"{weekend / 10:.0f} per day)")
    check(sum(1 for v in repeat_same_issue.values()) > 0 and
          sum(v for k, v in repeat_same_issue.items() if k >= 3) >= 20,
          "repeat contacts (customers writing 2-4 times about the same issue)")
    check(len(all_cards) >= 20 and all(luhn_ok(c) for c in all_cards),
          f"all {len(all_cards)} card numbers are Luhn-valid"
          + ("" if all(luhn_ok(c) for c in all_cards)
             else f" (bad: {[c for c in all_cards if not luhn_ok(c)][:5]})"))
    check(len(all_ibans) >= 20 and all(iban_ok(i) for i in all_ibans),
          f"all {len(all_ibans)} IBANs pass mod 97"
          + ("" if all(iban_ok(i) for i in all_ibans)
             else f" (bad: {[i for i in all_ibans if not iban_ok(i)][:5]})"))
    check({"DE", "FR", "ES", "IT", "NL"} <= {i[:2] for i in all_ibans},
          "IBANs from DE, FR, ES, IT, NL present")
    check(0.10 <= pii_rows / n <= 0.25, f"PII in 10-25 % of messages ({pii_rows / n:.1%})")
    check(all(v >= 30 for v in look.values()), "PII look-alikes present (orders, tracking, "
          "prices, dates, versions)")
    check(all(r["text"].strip() for r in rows), "no empty texts")
    check(sum(1 for r in rows if "\n" in r["text"]) >= 500, "multi-line emails present")

    print(f"\n{'ALL CHECKS PASSED' if not failures else f'{len(failures)} CHECK(S) FAILED'}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
