"""The web widget's files without a server: texts in every language, no inline code, no eval, size budget, SRI."""
import gzip
import re

import pytest
import yaml

from bot.language.languages import supported
from bot.web.assets import (SIZE_BUDGET_BYTES, STATIC_DIR, TEXTS_DIR, WIDGET_DIR, gzipped_total, interface_texts,
                            loader_integrity, sri, widget_assets)
from scripts import widget_snippet

SOURCE = yaml.safe_load((TEXTS_DIR / "en.yml").read_text(encoding="utf-8"))
SCRIPTS = sorted(STATIC_DIR.rglob("*.js"))
PAGES = sorted(STATIC_DIR.rglob("*.html"))


def without_comments(code: str) -> str:
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    return re.sub(r"(?<![:'\"])//[^\n]*", "", code)


@pytest.mark.parametrize("code", supported())
def test_every_language_has_every_interface_text(code):
    data = yaml.safe_load((TEXTS_DIR / f"{code}.yml").read_text(encoding="utf-8"))
    texts = data["texts"]
    assert data["language"] == code
    assert set(texts) == set(SOURCE["texts"]), set(texts) ^ set(SOURCE["texts"])
    for key, text in texts.items():
        assert isinstance(text, str) and text.strip(), key
        assert re.findall(r"{\w+}", text) == re.findall(r"{\w+}", SOURCE["texts"][key]), key
    if code != "en":  # machine-written translations are marked until a native speaker checks them
        assert data["reviewed"] is False
        assert "not yet checked by a native speaker" in (TEXTS_DIR / f"{code}.yml").read_text(encoding="utf-8")


def test_served_texts_have_native_names_directions_and_review_flags():
    data = interface_texts()
    languages = {entry["code"]: entry for entry in data["languages"]}
    assert list(languages) == list(supported())
    assert languages["ar"]["dir"] == "rtl" and all(e["dir"] == "ltr" for c, e in languages.items() if c != "ar")
    assert languages["es"]["name"] == "Español" and languages["ne"]["name"] == "नेपाली"
    assert languages["en"]["reviewed"] is True and languages["es"]["reviewed"] is False
    assert data["texts"]["es"]["button_find_help"] == "Buscar ayuda"  # the bot's own button label


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_have_no_inline_script_or_style(path):
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html and not re.search(r"\sstyle=", html), "inline style"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert not re.search(r"(src|href)=\"https?:", html), "third-party resource"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_scripts_use_no_eval_no_html_strings_no_persistent_storage(path):
    code = without_comments(path.read_text(encoding="utf-8"))
    for forbidden in (r"\beval\(", r"new Function", r"\.innerHTML", r"\.outerHTML", r"insertAdjacentHTML",
                      r"document\.write", r"localStorage", r"document\.cookie", r"indexedDB",
                      r"setTimeout\(\s*['\"]", r"setInterval\(", r"\.setAttribute\(\s*['\"]style",
                      r"Notification", r"new Audio", r"\.play\("):
        assert not re.search(forbidden, code), f"{path.name}: {forbidden}"
    urls = set(re.findall(r"https?://[^\s'\")]+", code))
    assert urls <= {"https://www.bbc.co.uk/weather"}, urls  # only the default quick-exit page, never loaded


def test_session_storage_is_written_only_by_save_after_opt_in():
    code = (WIDGET_DIR / "chat.js").read_text(encoding="utf-8")
    assert code.count("sessionStorage.setItem") == 1
    save = code[code.index("function save()"):code.index("sessionStorage.setItem")]
    assert "if (!state.keep) { return; }" in save


def test_no_third_party_fonts_or_imports_in_styles():
    for path in STATIC_DIR.rglob("*.css"):
        css = path.read_text(encoding="utf-8")
        assert "@import" not in css and "@font-face" not in css and "url(" not in css, path.name


def test_everything_the_widget_loads_fits_the_size_budget():
    assets = widget_assets()
    assert {"kyra-widget.js", "chat.html", "chat.js", "chat.css", "i18n.json", "config.json"} <= set(assets)
    total = gzipped_total(assets)
    print(f"widget: {total} bytes gzipped ({total / 1024:.1f} KB, budget {SIZE_BUDGET_BYTES // 1024} KB)")
    assert total <= SIZE_BUDGET_BYTES
    assert all(len(a.gzipped) == len(gzip.compress(a.body, 9, mtime=0)) for a in assets.values())


def test_snippet_carries_the_loaders_sri_hash(capsys):
    widget_snippet.main(["--server", "https://kyra.example.org/", "--language", "ne", "--profile", "ngo-1",
                         "--exit-url", "https://news.example.com/"])
    out = capsys.readouterr().out
    expected = sri((WIDGET_DIR / "kyra-widget.js").read_bytes())
    assert expected == loader_integrity() and re.fullmatch(r"sha384-[A-Za-z0-9+/]{64}", expected)
    tag = next(line for line in out.splitlines() if line.startswith("<script"))
    assert f'integrity="{expected}"' in tag
    assert 'src="https://kyra.example.org/widget/v1/kyra-widget.js"' in tag
    assert 'crossorigin="anonymous"' in tag and 'data-language="ne"' in tag and 'data-profile="ngo-1"' in tag
    assert 'data-exit-url="https://news.example.com/"' in tag
    assert "script-src https://kyra.example.org; frame-src https://kyra.example.org" in out
