"""Check data/directory/*.yml against content/reference/services.yml and libphonenumber.

    .venv/bin/python scripts/check_directory_numbers.py

For every file: schema-valid; every service matches one source entry (country + organisation, same order);
every number's digits occur in that entry's `phone` / `sms_whatsapp_text`; `kind: phone` numbers are valid for
the file's country (or the number's `region`); short codes have 3-6 digits; e-mails and URLs occur literally in
the source entry; ids are unique; each country has an emergency number libphonenumber accepts.
Exit status 1 on any problem.
"""
import glob
import os
import re
import sys

import jsonschema
import phonenumbers
import yaml
from phonenumbers import shortnumberinfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NUMBER_LISTS = ("phones", "sms", "whatsapp", "viber")


def digits(text):
    return re.sub(r"\D", "", text or "")


def source_text(entry):
    return " ".join(str(v) for v in entry.values())


def main():
    schema = yaml.safe_load(open(os.path.join(ROOT, "data/directory/schema.yml"), encoding="utf-8"))
    source = yaml.safe_load(open(os.path.join(ROOT, "content/reference/services.yml"), encoding="utf-8"))
    problems, ids, n_entries, n_numbers = [], set(), 0, 0
    files = sorted(f for f in glob.glob(os.path.join(ROOT, "data/directory/*.yml")) if not f.endswith("schema.yml"))
    for path in files:
        name = os.path.basename(path)
        doc = yaml.safe_load(open(path, encoding="utf-8"))
        try:
            jsonschema.validate(doc, schema)
        except jsonschema.ValidationError as exc:
            problems.append(f"{name}: schema: {exc.message}")
            continue
        cc = doc["country"]
        expected = [e for e in source if e.get("country") == cc]
        got = [s["organisation"] for s in doc["services"]]
        if got != [e["organisation"] for e in expected]:
            problems.append(f"{name}: organisations differ from the source entries (order or spelling)")
            continue
        for svc, src in zip(doc["services"], expected):
            n_entries += 1
            where = f"{name}:{svc['id']}"
            if svc["id"] in ids:
                problems.append(f"{where}: duplicate id")
            ids.add(svc["id"])
            published = digits(str(src.get("phone", "")) + " " + str(src.get("sms_whatsapp_text", "")))
            for key in NUMBER_LISTS:
                for item in svc.get(key, []):
                    n_numbers += 1
                    number, d = item["number"], digits(item["number"])
                    if d not in published:
                        problems.append(f"{where}: {number}: digits not in the source phone text")
                    if item["kind"] == "short_code":
                        if not 3 <= len(d) <= 6 or number.startswith("+"):
                            problems.append(f"{where}: {number}: short code must have 3-6 digits")
                    else:
                        region = item.get("region", cc)
                        try:
                            ok = phonenumbers.is_valid_number(phonenumbers.parse(number, region))
                        except phonenumbers.NumberParseException:
                            ok = False
                        if not ok:
                            problems.append(f"{where}: {number}: not a valid {region} number")
            text = source_text(src)
            for mail in svc.get("emails", []):
                if mail not in text:
                    problems.append(f"{where}: e-mail {mail} not in the source entry")
            for key in ("web", "chat_web"):
                if key in svc and svc[key] not in text:
                    problems.append(f"{where}: {key} {svc[key]} not in the source entry")
            for key in ("source", "source_date", "extra_sources", "confidence", "notes", "hours", "anonymous",
                        "secondary_types"):
                if svc.get(key) != src.get(key):
                    problems.append(f"{where}: {key} not copied from the source")
            if svc["type"] != src["service_type"]:
                problems.append(f"{where}: type differs from service_type")
        if cc is not None:
            accepted = [e["number"] for e in doc.get("emergency", [])
                        if shortnumberinfo.is_emergency_number(e["number"], cc)]
            if not accepted:
                problems.append(f"{name}: no emergency number accepted by libphonenumber for {cc}")
    if n_entries != len(source):
        problems.append(f"{n_entries} directory entries for {len(source)} source entries")
    for p in problems:
        print(p)
    print(f"{len(files)} files, {n_entries} entries, {n_numbers} numbers, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
