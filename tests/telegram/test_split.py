"""Splitting long messages under Telegram's 4096-character limit, at paragraph boundaries."""
import html

from bot.telegram.split import TELEGRAM_LIMIT, split_message, utf16_length

PARAGRAPH = "Tienes derecho a que te paguen por tu trabajo. Guarda tus nóminas y mensajes. " * 4  # ~316 chars


def test_short_text_is_one_part():
    assert split_message("Hola") == ["Hola"]
    assert split_message("") == []


def test_6000_characters_split_at_a_paragraph_boundary():
    paragraphs = [f"{i:02d} " + PARAGRAPH.strip() for i in range(19)]
    text = "\n".join(paragraphs)
    assert 5900 < len(text) < 6300
    parts = split_message(text)
    assert len(parts) == 2
    assert all(utf16_length(p) <= TELEGRAM_LIMIT for p in parts)
    assert "\n".join(parts) == text  # nothing lost, nothing reordered: the cut was at a line break
    assert all(p.split("\n")[0][:3].strip().isdigit() for p in parts)  # each part starts a paragraph


def test_blank_lines_are_preferred_to_line_breaks():
    text = "A" * 2000 + "\n\n" + "B" * 1000 + "\n" + "C" * 2000
    assert split_message(text) == ["A" * 2000, "B" * 1000 + "\n" + "C" * 2000]


def test_one_long_paragraph_is_cut_after_a_sentence():
    text = "Una frase corta. " * 400  # 6800 characters, no line breaks
    parts = split_message(text)
    assert all(p.endswith(".") and utf16_length(p) <= TELEGRAM_LIMIT for p in parts)
    assert " ".join(parts) == text.strip()


def test_a_word_longer_than_the_limit_is_cut_hard():
    parts = split_message("x" * 9000)
    assert [len(p) for p in parts] == [4096, 4096, 808]


def test_limit_counts_utf16_units_so_emoji_count_twice():
    parts = split_message("😀" * 3000)  # 6000 UTF-16 units
    assert [utf16_length(p) for p in parts] == [4096, 1904]
    assert "".join(parts) == "😀" * 3000


def test_measure_counts_the_escaped_form():
    text = "<&>" * 2000  # 6000 characters, 18000 once escaped for HTML
    parts = split_message(text, measure=lambda s: utf16_length(html.escape(s, quote=False)))
    assert all(len(html.escape(p, quote=False)) <= TELEGRAM_LIMIT for p in parts)
    assert "".join(parts) == text
