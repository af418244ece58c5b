"""Check the emergency phrase net (content/emergency/<lang>.yml).

For every language: compile each pattern (reporting errors), run the net over all training examples in
data/nlu/<lang>/*.yml that are NOT under intent `emergency` (false positives: these must stay under 2%),
report how many `emergency` training examples it catches (recall on training text, informative only),
and run a few hand-written smoke cases (must fire / must not fire) kept in this file.

Matching is done as in production (bot/emergency/net.py): every language's patterns are tried on every
message, against two forms of it (lowercased NFC, and the same with combining marks removed). The
false-positive rate that must stay under 2% is the one with all nets together; the language's own net alone
is shown too. Reads training data only (never tests/). Exit status 1 on a compile error, a pattern that
cannot match normalised text, a false-positive rate of 2% or more, or a failed smoke case.

    .venv/bin/python -m scripts.emergency_net_check [--lang xx] [--quiet] [--misses]
"""
import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from typing import Dict, List, Optional, Tuple

import yaml

from bot import ROOT
from bot.nlu_data import training_examples

NET_DIR = ROOT / "content" / "emergency"
LANGUAGES = ["en", "es", "fr", "ar", "zh", "ru", "hi", "ne", "bn", "tl", "id", "pt"]
LATIN = {"en", "es", "fr", "pt", "tl", "id"}
MAX_FP_RATE = 0.02
MAX_CHARS = 2000
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670]")  # harakat, shadda, sukun, superscript alef
FIXED_NUKTA = re.compile("[\u093c\u09bc](?!\\?)")  # a nukta in a pattern must be optional (letter + nukta + "?")


def _local_forms(text: str) -> Tuple[str, str]:
    lowered = unicodedata.normalize("NFC", text[:MAX_CHARS]).lower()
    stripped = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
    return lowered, stripped


try:  # the production normaliser, when it is there
    from bot.emergency.net import text_forms as forms
except Exception:  # pragma: no cover - older trees
    forms = _local_forms


def load_net(language: str) -> Tuple[List[Tuple[str, "re.Pattern"]], List[str]]:
    path = NET_DIR / f"{language}.yml"
    errors: List[str] = []
    if not path.exists():
        return [], [f"{path.relative_to(ROOT)} missing"]
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if data.get("language") != language:
        errors.append(f"language field is {data.get('language')!r}, expected {language!r}")
    compiled = []
    for pattern in data.get("patterns") or []:
        if not isinstance(pattern, str):
            errors.append(f"not a string: {pattern!r}")
            continue
        try:
            compiled.append((pattern, re.compile(pattern, re.IGNORECASE)))
        except re.error as error:
            errors.append(f"does not compile: {pattern!r}: {error}")
    for pattern, _ in compiled:
        if language in LATIN and _local_forms(pattern)[1] != _local_forms(pattern)[0]:
            errors.append(f"has accents (messages are also matched accent-free; write it without): {pattern!r}")
        if language == "ar" and ARABIC_MARKS.search(pattern):
            errors.append(f"has harakat/shadda (write Arabic patterns without them): {pattern!r}")
        if FIXED_NUKTA.search(pattern):
            errors.append(f"has a nukta that is not optional (write the letter followed by an optional nukta): {pattern!r}")
    seen = set()
    for pattern, _ in compiled:
        if pattern in seen:
            errors.append(f"duplicate pattern: {pattern!r}")
        seen.add(pattern)
    return compiled, errors


def first_match(net, text: str, language: str = "") -> Optional[str]:
    """The first pattern of `net` that matches `text` (in either normalised form), or None."""
    text_forms = forms(text)
    for pattern, regex in net:
        if any(regex.search(form) for form in text_forms):
            return pattern
    return None


# Hand-written smoke cases (not taken from any test set): a few that must fire, a few that must not.
# A message that is only a cry for help ("help", "ayuda", "tolong") fires; "help" inside a calm question does not.
SMOKE: Dict[str, Dict[str, List[str]]] = {
    "en": {
        "fire": ["help me now", "he is beating me", "they locked me in and i can't get out", "they will kill me",
                 "i can't breathe", "I'm bleeding", "someone is attacking me", "call the police",
                 "they took me and i cant get out", "im going to die", "save me", "SOS", "he is raping me",
                 "he has a knife", "fire in the building", "i escaped and they are chasing me",
                 "he beat me and locked me in now", "help"],
        "quiet": ["my boss took my passport", "they don't pay me", "what is trafficking",
                  "I need help finding a lawyer", "can you help me?", "I was beaten last year, what are my rights?",
                  "will they fire me if i complain", "can i call the police on my employer?"],
    },
    "es": {
        "fire": ["ayudame ya", "me esta pegando", "me van a matar", "me encerraron y no puedo salir", "socorro",
                 "llamen a la policia", "no puedo respirar", "me estan siguiendo", "tiene una pistola",
                 "me escape y me estan persiguiendo", "me voy a morir", "salvenme", "ayuda"],
        "quiet": ["mi jefe me quito el pasaporte", "no me pagan", "que es la trata", "necesito un abogado",
                  "me puedes ayudar?", "el año pasado me pegaron, que derechos tengo?"],
    },
    "fr": {
        "fire": ["aidez moi vite", "il me frappe la maintenant", "il est en train de me frapper", "ils vont me tuer", "on m'a enfermée je peux pas sortir",
                 "appelez la police", "je saigne", "au secours", "il a un couteau", "je vais mourir", "sauvez moi", "aide"],
        "quiet": ["mon patron a pris mon passeport", "ils ne me paient pas", "c'est quoi la traite",
                  "j'ai besoin d'un avocat", "tu peux m'aider ?", "on m'a frappée l'an dernier, quels sont mes droits ?"],
    },
    "pt": {
        "fire": ["me ajuda agora", "ele ta me batendo", "vao me matar", "me trancaram e nao consigo sair",
                 "chama a policia", "nao consigo respirar", "socorro", "ele tem uma faca", "vou morrer", "me salva", "ajuda"],
        "quiet": ["meu patrao pegou meu passaporte", "nao me pagam", "o que e trafico de pessoas",
                  "preciso de um advogado", "pode me ajudar?", "ano passado me bateram, quais sao meus direitos?"],
    },
    "tl": {
        "fire": ["tulong sinasaktan ako", "papatayin nila ako", "ni-lock nila ako di ako makalabas", "saklolo",
                 "tumawag kayo ng pulis", "di ako makahinga", "may baril sya", "mamamatay na ako", "iligtas nyo ako", "tulong"],
        "quiet": ["kinuha ng amo ko passport ko", "hindi ako binabayaran", "ano ang trafficking",
                  "kailangan ko ng abogado", "pwede mo ba akong tulungan?", "sinaktan ako last year, ano karapatan ko?"],
    },
    "id": {
        "fire": ["tolong aku dipukulin", "aku mau dibunuh", "aku dikunci gak bisa keluar", "tolong panggil polisi",
                 "gak bisa napas", "dia bawa pisau", "aku mau mati", "selamatkan aku", "tolooong", "tolong"],
        "quiet": ["paspor aku ditahan majikan", "gaji gak dibayar", "apa itu perdagangan orang",
                  "butuh pengacara", "bisa bantu aku?", "tahun lalu aku dipukul, apa hakku?"],
    },
    "ar": {
        "fire": ["الحقوني", "عم يضربني", "رح يقتلوني", "قفلوا علي ما بقدر اطلع", "اتصلوا بالشرطة",
                 "ما اقدر اتنفس", "معه سكين", "رح موت", "انقذوني", "sa3douni bsor3a", "3am yedrabni"],
        "quiet": ["الكفيل اخذ جوازي", "ما يعطوني راتب", "شو يعني الاتجار بالبشر", "بدي محامي",
                  "ممكن تساعدني؟", "مساعدة", "ضربني السنة الماضية شو حقوقي"],
    },
    "zh": {
        "fire": ["救命", "他在打我", "他们要杀我", "我被锁在房间里出不去", "快报警", "我喘不过气", "他有刀", "我要死了", "救救我"],
        "quiet": ["老板拿走了我的护照", "不给我发工资", "什么是人口贩卖", "我需要律师", "你能帮我吗", "帮助",
                  "去年被打了，我有什么权利"],
    },
    "ru": {
        "fire": ["помогите он меня бьёт", "меня убьют", "меня заперли, не могу выйти", "вызовите полицию",
                 "не могу дышать", "у него пистолет", "я умираю", "спасите", "pomogite menya b'yut"],
        "quiet": ["хозяин забрал паспорт", "не платят зарплату", "что такое торговля людьми", "нужен адвокат",
                  "можете помочь?", "помощь", "в прошлом году меня избили, какие у меня права"],
    },
    "hi": {
        "fire": ["बचाओ", "वो मुझे मार रहा है", "मुझे मार डालेंगे", "कमरे में बंद कर दिया निकल नहीं पा रही",
                 "पुलिस बुलाओ", "साँस नहीं आ रही", "उसके पास चाकू है", "mujhe bachao", "wo mujhe maar raha hai",
                 "help karo jaldi", "गाड़ी में डाल के ले जा रहे हैं", "ज़हर पी लिया", "मैं ख़तरे में हूँ"],
        "quiet": ["मालिक ने पासपोर्ट ले लिया", "पैसे नहीं दे रहे", "ट्रैफिकिंग क्या है", "वकील चाहिए",
                  "क्या आप मदद कर सकते हो?", "मदद", "पिछले साल मुझे मारा था, मेरे क्या अधिकार हैं"],
    },
    "ne": {
        "fire": ["बचाउनुस्", "उसले मलाई कुटिरहेको छ", "मलाई मार्छन्", "कोठामा थुनेको छ निस्कन सक्दिन",
                 "पुलिस बोलाउनुस्", "सास फेर्न सकिनँ", "ऊ चक्कु लिएर आयो", "malai bachau", "malai kutdai cha"],
        "quiet": ["साहुले पासपोर्ट लियो", "तलब दिँदैन", "मानव बेचबिखन भनेको के हो", "वकिल चाहियो",
                  "मद्दत गर्न सक्नुहुन्छ?", "मद्दत", "गएको वर्ष मलाई कुट्यो, मेरो अधिकार के हो"],
    },
    "bn": {
        "fire": ["বাঁচাও", "ও আমারে মারতেছে", "আমারে মাইরা ফেলবে", "রুমে আটকায়া রাখছে বের হইতে পারতেছি না",
                 "পুলিশ ডাকেন", "শ্বাস নিতে পারতেছি না", "ওর হাতে ছুরি", "amake bachao", "o amake martese",
                 "রক্ত পড়তেছে", "আমারে আটকায়া রাখছে, ভয় লাগতেছে"],
        "quiet": ["মালিক পাসপোর্ট নিয়া গেছে", "বেতন দেয় না", "পাচার কী", "উকিল লাগবে", "আমারে সাহায্য করতে পারবেন?",
                  "সাহায্য", "গত বছর আমারে মারছিল, আমার অধিকার কী"],
    },
}


def run(language: str, by_language: Dict[str, list], all_nets, quiet: bool, misses: bool) -> bool:
    net, errors = load_net(language)
    ok = not errors
    for error in errors:
        print(f"  ERROR {error}")
    examples = by_language.get(language, [])
    negatives = [e for e in examples if e.intent != "emergency"]
    positives = [e for e in examples if e.intent == "emergency"]
    own = [e for e in negatives if first_match(net, e.text, language)]
    false_positives = [(e, first_match(all_nets, e.text)) for e in negatives]
    false_positives = [(e, p) for e, p in false_positives if p]
    caught = [e for e in positives if first_match(net, e.text, language)]
    rate = len(false_positives) / len(negatives) if negatives else 0.0
    print(f"{language}: {len(net)} patterns | false positives, all nets: {len(false_positives)}/{len(negatives)} "
          f"non-emergency training examples = {rate:.1%} (own net alone: {len(own)}) | emergency training "
          f"examples caught by own net {len(caught)}/{len(positives)}")
    if rate >= MAX_FP_RATE:
        ok = False
        print(f"  FAIL false-positive rate {rate:.1%} is not under {MAX_FP_RATE:.0%}")
    if not quiet:
        for example, pattern in false_positives:
            print(f"  FP  [{example.intent}] {example.text!r}  <- {pattern!r}")
    if misses:
        for example in positives:
            if example not in caught:
                print(f"  miss {example.text!r}")
    smoke = SMOKE.get(language, {})
    for text in smoke.get("fire", []):
        if not first_match(net, text, language):
            ok = False
            print(f"  SMOKE should fire: {text!r}")
    for text in smoke.get("quiet", []):
        pattern = first_match(all_nets, text)
        if pattern:
            ok = False
            print(f"  SMOKE should not fire: {text!r}  <- {pattern!r}")
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--quiet", action="store_true", help="counts only, no list of false positives")
    parser.add_argument("--misses", action="store_true", help="also list emergency training examples not caught")
    args = parser.parse_args(argv)
    by_language = defaultdict(list)
    for example in training_examples():
        by_language[example.language].append(example)
    all_nets = [entry for language in LANGUAGES for entry in load_net(language)[0]]
    ok = True
    for language in args.lang or LANGUAGES:
        ok = run(language, by_language, all_nets, args.quiet, args.misses) and ok
    print("OK" if ok else "PROBLEMS FOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
