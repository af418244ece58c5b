"""`make coverage`: per language, the catalog keys missing or not reviewed by a native speaker,
and the NLU example counts per intent (training / held-out)."""
from collections import Counter

import yaml

from bot import ROOT
from bot.content.catalog import SOURCE_LANGUAGE, Catalogs
from bot.language.languages import native_name, supported
from bot.nlu_data import heldout_examples, training_examples

MIN_EXAMPLES = 20


def main() -> None:
    catalogs = Catalogs()
    english = catalogs.catalog(SOURCE_LANGUAGE)
    intents = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]
    train = Counter((e.language, e.intent) for e in training_examples())
    heldout = Counter((e.language, e.intent) for e in heldout_examples())

    print(f"{'lang':<5}{'name':<12}{'missing':>8}{'unreviewed':>11}{'train':>7}{'held-out':>9}  intents under {MIN_EXAMPLES}")
    for code in supported():
        catalog = catalogs.catalog(code)
        missing = sorted(set(english) - set(catalog))
        unreviewed = [key for key, entry in catalog.items() if not entry.reviewed]
        thin = [i for i in intents if i != "unsupported_language" and train[(code, i)] < MIN_EXAMPLES]
        print(f"{code:<5}{native_name(code):<12}{len(missing):>8}{len(unreviewed):>11}"
              f"{sum(n for (l, _), n in train.items() if l == code):>7}"
              f"{sum(n for (l, _), n in heldout.items() if l == code):>9}  {', '.join(thin) or '-'}")
        if missing and len(missing) == len(english):
            print("     no catalog yet: everything falls back to English")
        elif missing:
            print(f"     missing: {', '.join(missing)}")

    print("\nTraining examples per intent (held-out in brackets):")
    print(f"{'intent':<24}" + "".join(f"{code:>9}" for code in supported()))
    for intent in intents:
        print(f"{intent:<24}" + "".join(f"{train[(c, intent)]:>5}[{heldout[(c, intent)]:>2}]" for c in supported()))


if __name__ == "__main__":
    main()
