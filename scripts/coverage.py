"""`make coverage`: per language, the translation and review table (catalog keys missing, still in English,
not reviewed by a native speaker; training examples not reviewed, human-annotated from `make review-apply`;
held-out and language-ID set sizes), then the NLU example counts per intent (training [held-out])."""
from collections import Counter

from bot.content.catalog import SOURCE_LANGUAGE, Catalogs
from bot.language.languages import native_name
from bot.maintenance.review import REVIEW_FILE
from bot.maintenance.tree import NOT_TRAINED_PER_LANGUAGE, Tree, load_yaml, repo

MIN_EXAMPLES = 20
LANGID_BUCKETS = ("one_word", "few_words", "sentence")


def catalog_status(tree: Tree, catalogs: Catalogs, code: str):
    """(missing keys, keys explicitly null = English shown, texts identical to English, unreviewed keys)."""
    english = catalogs.catalog(SOURCE_LANGUAGE)
    path = tree.catalog_dir / f"{code}.yml"
    raw = ((load_yaml(path) or {}).get("texts") or {}) if path.exists() else {}
    catalog = catalogs.catalog(code)
    missing = sorted(k for k in english if k not in raw)
    nulls = sorted(k for k in english if k in raw and raw[k] is None)
    same = sorted(k for k, e in catalog.items() if code != SOURCE_LANGUAGE and k in english and e.text == english[k].text)
    unreviewed = sorted(k for k, e in catalog.items() if not e.reviewed)
    return missing, nulls, same, unreviewed


def training_status(tree: Tree, code: str) -> Counter:
    """Training examples of a language: all, not reviewed, and human-annotated (review.yml)."""
    from bot.nlu_data import parse_examples

    counts = Counter()
    for path in sorted((tree.train_dir / code).glob("*.yml")):
        for block in (load_yaml(path) or {}).get("nlu") or []:
            if not isinstance(block, dict) or "intent" not in block:
                continue
            n = len(parse_examples(block.get("examples") or ""))
            counts["all"] += n
            if not (block.get("metadata") or {}).get("reviewed", False):
                counts["unreviewed"] += n
            if path.name == REVIEW_FILE:
                counts["annotated"] += n
    return counts


def langid_size(tree: Tree, code: str) -> int:
    path = tree.root / "tests" / "langid" / f"{code}.yml"
    data = (load_yaml(path) or {}) if path.exists() else {}
    return sum(len(data.get(bucket) or []) for bucket in LANGID_BUCKETS)


def main(tree: Tree = None) -> None:
    tree = tree or repo()
    catalogs = Catalogs(tree.catalog_dir)
    english = catalogs.catalog(SOURCE_LANGUAGE)
    intents = [i for i in tree.domain_intents() if i not in NOT_TRAINED_PER_LANGUAGE]
    train = Counter((e.language, e.intent) for e in tree.training_examples())
    heldout = Counter((e.language, e.intent) for e in tree.heldout_examples())
    languages = tree.languages()

    print(f"Catalog keys ({len(english)} in {SOURCE_LANGUAGE}.yml) and NLU examples per language:")
    print(f"{'lang':<5}{'name':<12}{'missing':>8}{'english':>8}{'unrev.':>7} |{'train':>6}{'unrev.':>7}"
          f"{'annot.':>7}{'held-out':>9}{'lang-ID':>8}  intents under {MIN_EXAMPLES}")
    details, missing_keys = [], {}
    for code in languages:
        missing, nulls, same, unreviewed = catalog_status(tree, catalogs, code)
        status = training_status(tree, code)
        thin = [i for i in intents if train[(code, i)] < MIN_EXAMPLES]
        print(f"{code:<5}{native_name(code):<12}{len(missing):>8}{len(nulls) + len(same):>8}{len(unreviewed):>7} |"
              f"{status['all']:>6}{status['unreviewed']:>7}{status['annotated']:>7}"
              f"{sum(n for (l, _), n in heldout.items() if l == code):>9}{langid_size(tree, code):>8}  "
              + (", ".join(thin) if len(thin) <= 6 else f"{len(thin)} intents: {', '.join(thin[:6])} ...") or "-")
        if missing and len(missing) == len(english):
            details.append(f"  {code}: no catalog yet: everything falls back to English")
        elif missing:
            missing_keys.setdefault(tuple(missing), []).append(code)
        if nulls:
            details.append(f"  {code}: shown in English on purpose (null): {', '.join(nulls)}")
    print("\nColumns: missing = keys not in the catalog (English shown); english = keys set to null or still the "
          "English text;\nunrev. = not checked by a native speaker; annot. = examples from real conversations "
          "(make review-apply);\nheld-out = tests/nlu/<lang>.yml; lang-ID = tests/langid/<lang>.yml.")
    for keys, codes in missing_keys.items():
        details.append(f"  missing in {' '.join(codes)} ({len(keys)}): {', '.join(keys)}")
    if details:
        print("\n" + "\n".join(details))

    print("\nTraining examples per intent (held-out in brackets):")
    print(f"{'intent':<24}" + "".join(f"{code:>9}" for code in languages))
    for intent in intents:
        print(f"{intent:<24}" + "".join(f"{train[(c, intent)]:>5}[{heldout[(c, intent)]:>2}]" for c in languages))


if __name__ == "__main__":
    main()
