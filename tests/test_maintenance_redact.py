"""Redaction of personal data before maintainers read user messages (bot/maintenance/redact.py).

A corpus of made-up messages with phone numbers (local and international), e-mails, passport/ID numbers and
names after cues, in several languages: every piece of personal data must go, the rest must stay."""
import pytest

from bot.maintenance.redact import contact_details, redact

# (language, message, personal data that must disappear, words that must stay)
CORPUS = [
    ("en", "my name is maria and my boss took my passport", ["maria"], ["boss", "passport"]),
    ("en", "Hi, I am Grace Atieno, call me on +971 50 123 4567", ["Grace", "Atieno", "50 123 4567"], ["call me"]),
    ("en", "write to grace.atieno88@gmail.com pls", ["grace.atieno88@gmail.com", "gmail"], ["write to"]),
    ("en", "my passport number is P1234567A and they keep it", ["P1234567A"], ["passport", "keep"]),
    ("en", "my sister Joy works for Madam Lim, no pay since may", ["Joy", "Lim"], ["sister", "no pay"]),
    ("en", "my number (555) 123-4567", ["123-4567", "555"], ["my number"]),
    ("es", "me llamo José Luis, mi correo es jose_luis@hotmail.es", ["José", "Luis", "jose_luis@hotmail.es"],
     ["mi correo"]),
    ("es", "mi numero es 612 34 56 78, el patron no me paga", ["612 34 56 78"], ["patron", "no me paga"]),
    ("es", "mi NIE es X1234567L y la señora Pérez tiene mi pasaporte", ["X1234567L", "Pérez"], ["pasaporte"]),
    ("ar", "اسمي محمد احمد ورقمي ٠٥٥١٢٣٤٥٦٧ الكفيل اخذ جوازي", ["محمد", "٠٥٥١٢٣٤٥٦٧"], ["الكفيل", "جوازي"]),
    ("ar", "انا اسمي فاطمة وجواز سفري رقم A12345678", ["فاطمة", "A12345678"], ["جواز"]),
    ("ar", "esmi Ahmed, kalimni 00966 50 123 4567", ["Ahmed", "50 123 4567"], ["kalimni"]),
    ("hi", "मेरा नाम राजू है, मेरा नंबर ९८७६५४३२१० है", ["राजू", "९८७६५४३२१०"], ["नंबर"]),
    ("hi", "mera naam Sunita Devi hai, malik ne passport rakh liya, call 98765 43210",
     ["Sunita", "Devi", "98765 43210"], ["malik", "passport"]),
    ("zh", "我叫王小明，我的电话是138 1234 5678，老板不给工资", ["王小明", "138 1234 5678"], ["老板不给工资"]),
    ("zh", "护照号码E12345678被中介拿走了，邮箱 wang@qq.com", ["E12345678", "wang@qq.com"], ["被中介拿走了"]),
    ("ru", "меня зовут Ольга Иванова, мой номер +7 (912) 345-67-89", ["Ольга", "Иванова", "345-67-89"],
     ["мой номер"]),
    ("ru", "паспорт серия 4510 номер 123456 забрал хозяин", ["123456"], ["паспорт", "хозяин"]),
    ("tl", "ako po si Maria Santos, kinuha ni Madam Lim ang passport ko, 0917 123 4567",
     ["Maria", "Santos", "Lim", "0917 123 4567"], ["passport ko"]),
    ("tl", "ang pangalan ko ay Jenny, email ko jenny.rose@yahoo.com", ["Jenny", "jenny.rose@yahoo.com"],
     ["email ko"]),
    ("id", "nama saya siti, majikan saya Pak Budi tidak bayar gaji, no WA 0812-3456-7890",
     ["siti", "Budi", "0812-3456-7890"], ["tidak bayar gaji"]),
    ("id", "paspor saya B1234567 ditahan agen, hubungi +62 812 3456 7890", ["B1234567", "812 3456 7890"],
     ["ditahan agen"]),
    ("fr", "je m'appelle Fatou Diop, mon numéro 06 12 34 56 78", ["Fatou", "Diop", "06 12 34 56 78"], ["mon numéro"]),
    ("pt", "meu nome é Ana Paula e meu telefone é (11) 98765-4321", ["Ana", "Paula", "98765-4321"], ["telefone"]),
    ("bn", "আমার নাম রহিম, মালিক বেতন দেয় না, ফোন ০১৭১২৩৪৫৬৭৮", ["রহিম", "০১৭১২৩৪৫৬৭৮"], ["মালিক"]),
    ("ne", "mero naam Sita ho, sahu le passport rakhyo", ["Sita"], ["sahu", "passport"]),
]


@pytest.mark.parametrize("language, text, personal, kept", CORPUS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CORPUS)])
def test_personal_data_is_removed_and_the_rest_kept(language, text, personal, kept):
    result = redact(text).text
    for item in personal:
        assert item not in result, (language, result)
    for word in kept:
        assert word in result, (language, result)
    assert not contact_details(result), result


@pytest.mark.parametrize("text", [
    "my boss keeps my passport", "I paid 5000 dirham in 2019 to the agent", "call 112 or 091",
    "I work 16 hours a day, 7 days a week", "el patron no me paga desde hace 3 meses", "老板三个月没给工资",
    "I am from Nepal and my agent took money", "saya kerja 12 jam sehari", "paid 50000rs to the agent",
    "老板叫我每天加班", "我叫了警察但是没人来",
])
def test_messages_without_personal_data_are_unchanged(text):
    assert redact(text).text == text


def test_placeholders_say_what_was_removed():
    result = redact("me llamo Ana, tel +34 612 345 678, ana@mail.com, pasaporte PAA123456")
    assert result.text == "me llamo [NAME], tel [PHONE], [EMAIL], pasaporte [ID]"
    assert result.counts == {"NAME": 1, "PHONE": 1, "EMAIL": 1, "ID": 1}


def test_contact_details_finds_what_an_annotator_left():
    assert contact_details("call me 0917 123 4567") == ["PHONE"]
    assert contact_details("mail me at joy@example.com") == ["EMAIL"]
    assert contact_details("call me [PHONE]") == []
