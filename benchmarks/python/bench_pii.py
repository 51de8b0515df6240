"""PII redaction quality on planted personal data and look-alikes.

A generator independent of the golden tests plants personal data in
customer-style sentences in seven languages, in many formats (international
and national phones, grouped and plain cards and IBANs of several countries,
e-mails, IPv4/IPv6, URLs), and plants look-alikes that must stay (order and
tracking numbers, prices, dates, times, versions, Luhn-failing cards,
mod-97-failing IBANs, postal codes, quantities). It reports the share of
planted PII removed and of look-alikes kept, per kind.

    .venv/bin/python benchmarks/python/bench_pii.py [--n 20000] [--seed 11]

With --heldout FILE.jsonl it scores a set written apart from kvetch's code
instead (benchmarks/pii/pii_heldout.jsonl; one message per line with
"text", "pii": [{"type", "value"}] and "keep": [strings]): a planted item
counts as removed when its value no longer appears in the redacted text,
and as typed right when the placeholder of its type replaced it; a
look-alike counts as kept when it still appears. --half dev / test keeps
the rows with an even / odd number ("dev" may be read to find misses,
"test" is only scored).

    .venv/bin/python benchmarks/python/bench_pii.py --heldout benchmarks/pii/pii_heldout.jsonl
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import string
import time

import kvetch

FRAMES = {
    "en": ["Hi, please reach me at {x} about my refund.", "My details: {x}. Still waiting!",
           "you can use {x} if needed", "Contact: {x}\nThanks, Sam"],
    "fr": ["Bonjour, vous pouvez me joindre au {x} svp.", "Mes coordonnées : {x}. Merci",
           "voici {x} pour le remboursement"],
    "de": ["Hallo, bitte unter {x} melden.", "Meine Daten: {x}. Danke!", "hier ist {x} wie besprochen"],
    "es": ["Hola, mi dato es {x}, gracias.", "Pueden escribirme: {x}", "aquí tienen {x} para el reembolso"],
    "it": ["Buongiorno, il mio riferimento è {x}.", "Potete usare {x} grazie", "ecco {x} come richiesto"],
    "pt": ["Olá, segue {x} para contacto.", "Os meus dados: {x}. Obrigado", "podem usar {x}"],
    "nl": ["Hallo, mijn gegevens: {x}.", "Bereikbaar via {x}, groet", "hier is {x} zoals gevraagd"],
}
PHONE_WORDS = {"en": "phone", "fr": "tél", "de": "Tel.", "es": "teléfono", "it": "telefono",
               "pt": "telemóvel", "nl": "tel"}


def digits(rng, n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def luhn_complete(rng, prefix, length):
    body = prefix + digits(rng, length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def letters(rng, n):
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))


def iban(country, bban):
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(num) % 97:02d}{bban}"


def group(s, size=4, sep=" "):
    return sep.join(s[i:i + size] for i in range(0, len(s), size))


def phone(rng, lang):
    forms = {
        "en": [lambda: f"+44 20 {digits(rng, 4)} {digits(rng, 4)}", lambda: f"+44 7{digits(rng, 3)} {digits(rng, 6)}",
               lambda: f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{digits(rng, 4)}",
               lambda: f"{rng.randint(201, 989)}-{rng.randint(200, 999)}-{digits(rng, 4)}",
               lambda: f"07{digits(rng, 3)} {digits(rng, 6)}"],
        "fr": [lambda: "0" + str(rng.randint(1, 7)) + " " + " ".join(digits(rng, 2) for _ in range(4)),
               lambda: "+33 " + str(rng.randint(1, 7)) + " " + " ".join(digits(rng, 2) for _ in range(4)),
               lambda: "0" + str(rng.choice([6, 7])) + "." + ".".join(digits(rng, 2) for _ in range(4))],
        "de": [lambda: f"+49 {rng.randint(30, 89)} {digits(rng, 7)}", lambda: f"0{rng.randint(151, 179)} {digits(rng, 8)}",
               lambda: f"0{rng.randint(30, 89)}/{digits(rng, 7)}", lambda: f"+49 (0){rng.randint(30, 89)} {digits(rng, 6)}"],
        "es": [lambda: f"+34 6{digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}",
               lambda: f"6{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 3)}", lambda: f"9{digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}"],
        "it": [lambda: f"+39 3{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 4)}", lambda: f"3{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 4)}",
               lambda: f"06 {digits(rng, 4)} {digits(rng, 4)}"],
        "pt": [lambda: f"+351 9{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 3)}", lambda: f"9{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 3)}",
               lambda: f"21 {digits(rng, 3)} {digits(rng, 4)}"],
        "nl": [lambda: f"+31 6 {digits(rng, 8)}", lambda: f"06-{digits(rng, 8)}", lambda: f"020 {digits(rng, 3)} {digits(rng, 4)}",
               lambda: f"0031 6 {digits(rng, 8)}"],
    }
    return rng.choice(forms[lang])()


def pii_value(rng, kind, lang):
    if kind == "email":
        user = rng.choice(["j.doe", "marie.dupont", "klaus_m", "ana+shop", "l.rossi82", "joao.silva"])
        return f"{user}@{rng.choice(['example.com', 'mail.example.org', 'exemple.fr', 'beispiel.de'])}"
    if kind == "phone":
        return phone(rng, lang)
    if kind == "card":
        num = luhn_complete(rng, rng.choice(["4", "51", "55", "2221", "6011"]), 16)
        if rng.random() < 0.15:
            num = luhn_complete(rng, rng.choice(["34", "37"]), 15)
            return rng.choice([num, f"{num[:4]} {num[4:10]} {num[10:]}"])
        return rng.choice([num, group(num), group(num, sep="-")])
    if kind == "iban":
        country, bban = rng.choice([
            ("DE", lambda: digits(rng, 18)), ("FR", lambda: digits(rng, 23)),
            ("ES", lambda: digits(rng, 20)), ("BE", lambda: digits(rng, 12)),
            ("PT", lambda: digits(rng, 21)),
            ("NL", lambda: letters(rng, 4) + digits(rng, 10)),
            ("GB", lambda: letters(rng, 4) + digits(rng, 14)),
            ("IT", lambda: letters(rng, 1) + digits(rng, 10) + digits(rng, 12))])
        value = iban(country, bban())
        style = rng.random()
        return value if style < 0.4 else value.lower() if style < 0.5 else group(value)
    if kind == "ip":
        if rng.random() < 0.7:
            return ".".join(str(rng.randint(1, 254)) for _ in range(4))
        return f"2001:db8:{rng.randint(0, 65535):x}::{rng.randint(1, 65535):x}"
    return f"https://{rng.choice(['shop.example.com', 'www.example.org'])}/account/{digits(rng, 6)}?ref=mail"


def lookalike(rng):
    kinds = {
        "order": lambda: rng.choice([f"order #{rng.choice('ABCK')}{digits(rng, 5)}-{digits(rng, 3)}",
                                     f"commande n° {digits(rng, 9)}", f"Bestellnummer {digits(rng, 10)}",
                                     f"pedido {digits(rng, 8)}", f"order {digits(rng, 7)}"]),
        "tracking": lambda: rng.choice([f"1Z{digits(rng, 3)}AA1{digits(rng, 10)}", f"tracking {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)}",
                                        f"colis {rng.choice('LC')}{rng.choice('AB')}{digits(rng, 9)}FR"]),
        "price": lambda: rng.choice([f"€{rng.randint(1, 999)}.{digits(rng, 2)}", f"${rng.randint(1, 9)},{digits(rng, 3)}.00",
                                     f"{rng.randint(1, 999)},{digits(rng, 2)} €", f"1 {digits(rng, 3)},00 EUR"]),
        "date": lambda: rng.choice([f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026", f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                    f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2026", f"{rng.randint(1, 28)} oct. 2026"]),
        "time": lambda: f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "version": lambda: rng.choice([f"v{rng.randint(1, 12)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}", f"version {rng.randint(1, 20)}.{rng.randint(0, 9)}",
                                       f"build {rng.randint(1000, 9999)}.{rng.randint(10, 99)}"]),
        "bad_card": lambda: _bad_luhn(rng),
        "bad_iban": lambda: group(_bad_iban(rng)),
        "postcode": lambda: rng.choice([f"{digits(rng, 5)} Paris", f"{digits(rng, 4)} AB Amsterdam", f"D-{digits(rng, 5)} Berlin"]),
        "quantity": lambda: f"{rng.randint(2, 500)} items",
    }
    kind = rng.choice(list(kinds))
    return kind, kinds[kind]()


def _bad_luhn(rng):
    good = luhn_complete(rng, "4", 16)
    bad = good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10)
    return group(bad)


def _bad_iban(rng):
    good = iban("DE", digits(rng, 18))
    return good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10)


def build(n, seed):
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        lang = rng.choice(list(FRAMES))
        frame = rng.choice(FRAMES[lang])
        if rng.random() < 0.5:
            kind = rng.choice(["email", "phone", "phone", "card", "iban", "ip", "url"])
            value = pii_value(rng, kind, lang)
            if kind == "phone" and rng.random() < 0.3:
                value = f"{PHONE_WORDS[lang]} {value}"
            rows.append(("pii", kind, value, frame.format(x=value)))
        else:
            kind, value = lookalike(rng)
            rows.append(("lookalike", kind, value, frame.format(x=value)))
    return rows


PLACEHOLDER = {"EMAIL": "<EMAIL>", "PHONE": "<PHONE>", "CARD": "<CARD>",
               "IBAN": "<IBAN>", "IP": "<IP>", "URL": "<URL>"}


def heldout(path, half, show):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if half != "all":
        want = 0 if half == "dev" else 1
        rows = [r for r in rows if int("".join(filter(str.isdigit, r["id"]))) % 2 == want]
    redacted = kvetch.Analyzer().analyze([r["text"] for r in rows]).to_pandas()
    redacted = redacted.text_redacted.tolist()
    removed = collections.defaultdict(lambda: [0, 0, 0])  # removed, typed, n
    kept = collections.defaultdict(lambda: [0, 0])
    misses = []
    for r, out in zip(rows, redacted):
        for item in r["pii"]:
            for key in (item["type"], "lang " + r["lang"], "all"):
                s = removed[key]
                gone = item["value"] not in out
                s[0] += gone
                s[1] += gone and PLACEHOLDER[item["type"]] in out
                s[2] += 1
            if item["value"] in out:
                misses.append(("missed", r["id"], item["type"], item["value"], out))
        for value in r["keep"]:
            for key in ("lang " + r["lang"], "all"):
                kept[key][0] += value in out
                kept[key][1] += 1
            if value not in out:
                misses.append(("touched", r["id"], "keep", value, out))
    print(f"{path}, {half} half: {len(rows)} messages\n")
    print("| what | n | removed | placeholder of its type |\n|---|---:|---:|---:|")
    for key, (gone, typed, n) in sorted(removed.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        print(f"| {key} | {n} | {100 * gone / n:.1f}% | {100 * typed / n:.1f}% |")
    print("\n| look-alikes | n | kept |\n|---|---:|---:|")
    for key, (ok, n) in sorted(kept.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        print(f"| {key} | {n} | {100 * ok / n:.1f}% |")
    if show:
        if half == "test":
            raise SystemExit("--show reads the dev half only")
        for m in misses[:show]:
            print(m)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--heldout", help="a JSONL set written apart from kvetch (see above)")
    ap.add_argument("--half", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--show", type=int, default=0, help="print this many misses (dev half)")
    args = ap.parse_args()
    if args.heldout:
        heldout(args.heldout, args.half, args.show)
        return
    rows = build(args.n, args.seed)
    analyzer = kvetch.Analyzer()
    t0 = time.perf_counter()
    redacted = analyzer.analyze([r[3] for r in rows]).to_pandas().text_redacted.tolist()
    elapsed = time.perf_counter() - t0
    stats = collections.defaultdict(lambda: [0, 0])
    misses = collections.defaultdict(list)
    for (group_, kind, value, _), out in zip(rows, redacted):
        core = value.split(" ", 1)[1] if kind == "phone" and value.split(" ", 1)[0] in PHONE_WORDS.values() else value
        ok = (core not in out) if group_ == "pii" else (value in out)
        stats[(group_, kind)][0] += ok
        stats[(group_, kind)][1] += 1
        if not ok and len(misses[(group_, kind)]) < 8:
            misses[(group_, kind)].append(out)
    print(f"| set | kind | n | {'removed' if True else ''} / kept |\n|---|---|---|---|")
    for (g, k), (ok, n) in sorted(stats.items()):
        print(f"| {g} | {k} | {n} | {100 * ok / n:.1f}% |")
    for g in ("pii", "lookalike"):
        ok = sum(v[0] for (gg, _), v in stats.items() if gg == g)
        n = sum(v[1] for (gg, _), v in stats.items() if gg == g)
        label = "PII removed" if g == "pii" else "look-alikes kept"
        print(f"\n{label}: {ok}/{n} = {100 * ok / n:.2f}%")
    print(f"\n{len(rows)} messages in {elapsed:.2f} s")
    for key, examples in misses.items():
        print(key, examples)


if __name__ == "__main__":
    main()
