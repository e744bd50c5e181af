"""content.i18n: catalogs complete in ar/fr/en, enum labels, plurals, negotiation, dates and numbers."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import string
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from babel.support import Translations

from content import i18n
from content.i18n import catalogs, messages
from content.i18n.compile import problems
from content.models import enums as model_enums
from content.models.enums import (
    DocumentKind,
    Language,
    MechanismKind,
    RecommendationPosition,
    WorkflowState,
)

REPO = Path(__file__).resolve().parents[2]
MODEL_ENUMS = [value for value in vars(model_enums).values()
               if isinstance(value, type) and issubclass(value, Enum) and value.__module__ == model_enums.__name__]
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _key(message) -> tuple[str | None, str]:
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def template() -> Catalog:
    with catalogs.TEMPLATE.open("rb") as handle:
        return read_po(handle)


# --- catalogs ------------------------------------------------------------------------------------

def test_the_thirteen_model_enums_are_all_there():
    assert {e.__name__ for e in MODEL_ENUMS} == {
        "Language", "WorkflowState", "MechanismKind", "InstitutionKind", "DocumentKind", "DocumentStatus",
        "RecommendationPosition", "ImplementationStatus", "CommunicationStatus", "InformationRequestKind",
        "NgoInteractionKind", "EventKind", "AchievementItemKind",
    }


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("enum", MODEL_ENUMS, ids=lambda e: e.__name__)
def test_every_enum_member_has_a_catalog_label(enum, language):
    catalog = catalogs.read_catalog(language)
    for member in enum:
        source = i18n.ENUM_LABELS[enum.__name__][member.name]
        entry = catalog.get(source, context=enum.__name__)
        assert entry is not None and entry.string.strip(), (enum.__name__, member.name, language)
        label = i18n.enum_label(member, language)
        assert label == entry.string
        if language == "ar":
            assert ARABIC_LETTER.search(label), label


def test_labels_of_one_enum_are_distinct_in_every_language():
    for enum in MODEL_ENUMS:
        for language in i18n.LANGUAGES:
            labels = [i18n.enum_label(member, language) for member in enum]
            assert len(set(labels)) == len(labels), (enum.__name__, language, labels)


@pytest.mark.parametrize(("member", "ar", "fr", "en"), [
    (MechanismKind.TREATY_BODY, "هيئة معاهدة", "Organe conventionnel", "Treaty body"),
    (MechanismKind.UPR, "الاستعراض الدوري الشامل", "Examen périodique universel", "Universal Periodic Review"),
    (MechanismKind.HUMAN_RIGHTS_COUNCIL, "مجلس حقوق الإنسان", "Conseil des droits de l'homme",
     "Human Rights Council"),
    (DocumentKind.NATIONAL_REPORT, "تقرير وطني", "Rapport national", "National report"),
    (DocumentKind.CONCLUDING_OBSERVATIONS, "ملاحظات ختامية", "Observations finales", "Concluding observations"),
    (DocumentKind.REPLY_TO_LIST_OF_ISSUES, "ردود على قائمة المسائل", "Réponses à la liste de points",
     "Replies to the list of issues"),
    (RecommendationPosition.SUPPORTED, "حظيت بالتأييد", "Soutenue", "Supported"),
    (RecommendationPosition.NOTED, "أحيط بها علماً", "Notée", "Noted"),
    (WorkflowState.PRIVATE, "خاص", "Privé", "Private"),
    (WorkflowState.PENDING, "قيد المراجعة", "En attente de validation", "Pending review"),
    (WorkflowState.PUBLISHED, "منشور", "Publié", "Published"),
    (WorkflowState.ARCHIVED, "مؤرشف", "Archivé", "Archived"),
    (Language.AR, "العربية", "Arabe", "Arabic"),
])
def test_known_labels(member, ar, fr, en):
    assert [i18n.enum_label(member, lang) for lang in ("ar", "fr", "en")] == [ar, fr, en]


def test_label_language_forms_and_fallbacks():
    assert i18n.enum_label(MechanismKind.TREATY_BODY, Language.FR) == "Organe conventionnel"
    assert i18n.enum_label(MechanismKind.TREATY_BODY, "ar-MA") == "هيئة معاهدة"
    assert i18n.enum_label(MechanismKind.TREATY_BODY, "de") == "Treaty body"
    assert i18n.enum_label(MechanismKind.TREATY_BODY) == "Treaty body"

    class Unlabelled(Enum):
        SOME_VALUE = "x"

    assert i18n.enum_label(Unlabelled.SOME_VALUE, "fr") == "Some value"
    labels = i18n.enum_labels(WorkflowState, "ar")
    assert [label for _, label in labels] == ["خاص", "قيد المراجعة", "منشور", "مؤرشف"]
    assert i18n.content_type_label("Recommendation", "ar") == "توصية"
    assert i18n.content_type_label("ProgramMeasure", "fr") == "Mesure du programme gouvernemental"
    assert i18n.content_type_label("Nope", "fr") == "Nope"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_no_catalog_has_an_untranslated_or_fuzzy_entry(language):
    catalog = catalogs.read_catalog(language)
    assert not catalog.fuzzy
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, (language, message.id)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), (language, message.id)
        if message.pluralizable:
            assert len(strings) == catalog.num_plurals, (language, message.id)
    assert not catalog.obsolete


def test_catalogs_match_the_template(template):
    wanted = {_key(m) for m in template if m.id}
    for language in i18n.LANGUAGES:
        have = {_key(m) for m in catalogs.read_catalog(language) if m.id}
        assert have == wanted, (language, wanted ^ have)
    assert problems() == []


def test_the_template_has_every_marked_string_of_the_code(template):
    """`make messages` was run after the last change to a marked string (else the catalogs lag)."""
    from babel.messages import frontend

    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with (REPO / "babel.cfg").open() as handle:
        method_map, options_map = parse(handle)
    keywords = dict(DEFAULT_KEYWORDS)
    keywords.update({"NC_": ((1, "c"), 2), "NN_": (1, 2), "translate": None, "translate_plural": (1, 2),
                     "translate_context": ((1, "c"), 2)})
    extracted = {
        (context, message if isinstance(message, str) else message[0])
        for _, _, message, _, context in extract_from_dir(str(REPO), method_map, options_map, keywords=keywords)
    }
    assert extracted == {_key(m) for m in template if m.id}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_translations_keep_the_placeholders(language):
    for message in catalogs.read_catalog(language):
        if not message.id:
            continue
        if message.pluralizable:
            allowed = _fields(message.id[0]) | _fields(message.id[1])
            for form in message.string:
                assert _fields(form) <= allowed, (language, message.id, form)
        else:
            assert _fields(message.string) == _fields(message.id), (language, message.id, message.string)
            words = re.sub(r"\{[^}]*\}", "", message.id)
            if language == "ar" and re.search("[A-Za-z]{3}", words):
                assert ARABIC_LETTER.search(message.string), message.id


def test_message_constants_are_in_the_catalogs():
    catalog = catalogs.read_catalog("ar")
    for name, value in vars(messages).items():
        if name.isupper() and isinstance(value, (str, tuple)):
            msgid = value if isinstance(value, str) else value[0]
            assert catalog.get(msgid) is not None, name


# --- translate -----------------------------------------------------------------------------------

def test_translate_formats_after_translation():
    assert i18n.translate(messages.TOO_LONG, "fr", max=200) == "Trop long : 200 caractères au plus."
    assert i18n.translate(messages.TOO_LONG, "ar", max=200) == "النص طويل جداً: الحد الأقصى لعدد الأحرف هو 200."
    assert i18n.translate(messages.TOO_LONG, "en", max=200) == "Too long: at most 200 characters."
    assert i18n.translate(messages.VERSION_CONFLICT, "ar", current=7) == (
        "عدّل شخص آخر هذا العنصر (النسخة 7)؛ أعد تحميله ثم أدخل تعديلك من جديد.")
    assert i18n.translate(messages.INVALID_CURSOR, "fr", cursor="abc") == (
        "Curseur 'abc' non valide : utilisez un curseur renvoyé par cette liste.")
    assert i18n.translate(messages.FIRST_OR_LAST, "ar") == "حدّد `first` أو `last`، وليس الاثنين معاً."
    assert i18n.translate(messages.AUTHENTICATION_REQUIRED, "fr") == "Authentification requise"
    assert i18n.translate(messages.END_BEFORE_START, "ar") == "تاريخ الانتهاء سابق لتاريخ البدء."
    # Placeholder-like text without params is left alone.
    assert i18n.translate(messages.TOO_LONG, "en") == "Too long: at most {max} characters."


def test_translate_unknown_language_or_message():
    assert i18n.translate(messages.FIELD_REQUIRED, "de") == "This field is required."
    assert i18n.translate(messages.FIELD_REQUIRED) == "This field is required."
    assert i18n.translate(messages.FIELD_REQUIRED, Language.AR) == "هذا الحقل إلزامي."
    assert i18n.translate(messages.FIELD_REQUIRED, "fr-MA") == "Ce champ est obligatoire."
    assert i18n.translate("Not in any catalog: {n}", "ar", n=3) == "Not in any catalog: 3"


def test_a_broken_translation_falls_back_to_the_source(monkeypatch):
    catalog = Catalog(locale="fr", domain="marsad")
    catalog.add("Too long: at most {max} characters.", "Trop long : {maximum} caractères au plus.")
    buffer = io.BytesIO(catalogs.compile_catalog(catalog))
    monkeypatch.setitem(catalogs._cache, "fr", Translations(fp=buffer, domain="marsad"))
    assert i18n.translate(messages.TOO_LONG, "fr", max=5) == "Too long: at most 5 characters."


def test_workflow_transition_message():
    def sentence(language: str) -> str:
        return i18n.translate(messages.INVALID_TRANSITION, language,
                              action=i18n.workflow_action_label("publish", language),
                              state=i18n.enum_label(WorkflowState.PUBLISHED, language))

    assert sentence("ar") == "لا يمكن تنفيذ عملية «النشر» على عنصر حالته «منشور»."
    assert sentence("fr") == "Impossible d'effectuer la publication d'un élément dont l'état est « Publié »."
    assert sentence("en") == "Cannot publish an item whose state is “Published”."
    assert i18n.workflow_action_label("archive", "fr") == "l'archivage"
    assert i18n.workflow_action_label("frobnicate", "fr") == "frobnicate"


@pytest.mark.parametrize(("n", "ar", "fr", "en"), [
    (0, "0 عنصر", "0 élément", "0 items"),
    (1, "عنصر واحد", "1 élément", "1 item"),
    (2, "عنصران", "2 éléments", "2 items"),
    (5, "5 عناصر", "5 éléments", "5 items"),
    (11, "11 عنصراً", "11 éléments", "11 items"),
    (100, "100 عنصر", "100 éléments", "100 items"),
    (103, "103 عناصر", "103 éléments", "103 items"),
    (1_000_000, "1000000 عنصر", "1000000 d'éléments", "1000000 items"),
])
def test_plurals(n, ar, fr, en):
    assert [i18n.translate_plural(*messages.ITEMS, n=n, language=lang) for lang in ("ar", "fr", "en")] == [ar, fr, en]


def test_plural_with_a_formatted_count_inside_a_message():
    items = i18n.translate_plural(*messages.ITEMS, n=5654, language="fr", count=i18n.format_number(5654, "fr"))
    assert items == "5\u202f654 éléments"
    assert i18n.translate(messages.CLI_INDEXED, "fr", items=items, seconds="1,5", rate="3\u202f769",
                          backend="whoosh") == (
        "Indexation terminée : 5\u202f654 éléments en 1,5 s (3\u202f769 éléments/s), moteur whoosh.")
    assert i18n.translate(messages.CLI_INDEXED, "ar", items=i18n.translate_plural(*messages.ITEMS, n=2, language="ar"),
                          seconds="0.1", rate="20", backend="whoosh") == (
        "اكتملت الفهرسة: عنصران في 0.1 ث (20 عنصر/ث)، محرك whoosh.")


# --- negotiation ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "expected"), [
    ("ar-MA", "ar"), ("ar", "ar"), ("fr-FR", "fr"), ("fr", "fr"), ("en-GB", "en"), ("en", "en"),
    ("EN-us", "en"), ("ar_MA", "ar"), ("fr-MA,fr;q=0.9,ar;q=0.8", "fr"),
    ("de-DE,de;q=0.9,en;q=0.5", "en"), ("fr;q=0.3, en;q=0.9", "en"), ("en;q=0, fr", "fr"),
    ("zgh-MA, ar;q=0.4, fr;q=0.2", "ar"),
    (None, "ar"), ("", "ar"), ("*", "ar"), ("de-DE", "ar"), ("x;;q=abc,,,", "ar"), ("en;q=oops, fr;q=0.1", "fr"),
])
def test_negotiate_language(header, expected):
    assert i18n.negotiate_language(header) == expected


def test_negotiate_language_default_and_long_headers():
    assert i18n.negotiate_language("de", default="fr") == "fr"
    assert i18n.negotiate_language("de," * 5000 + "en") == "ar"  # only the first 1,000 characters are read


def test_environment_language(monkeypatch):
    for name in ("MARSAD_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert i18n.environment_language() == "en"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert i18n.environment_language() == "fr"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.environment_language() == "en"
    monkeypatch.setenv("MARSAD_LANGUAGE", "ar")
    assert i18n.environment_language() == "ar"


# --- dates and numbers ---------------------------------------------------------------------------

def test_dates():
    day = dt.date(2020, 7, 15)
    assert i18n.format_date(day, "ar") == "15 يوليوز 2020"
    assert i18n.format_date(day, "fr") == "15 juillet 2020"
    assert i18n.format_date(day, "en") == "July 15, 2020"
    assert i18n.format_date(day, Language.AR) == "15 يوليوز 2020"
    assert i18n.format_date(dt.datetime(2020, 7, 15, 23, 0), "ar-MA") == "15 يوليوز 2020"
    assert i18n.format_date(dt.date(2021, 6, 1), "ar") == "1 يونيو 2021"
    assert i18n.format_date(dt.date(2021, 8, 1), "ar", format="MMMM y") == "غشت 2021"
    assert i18n.format_date(day, "fr", format="short") == "15/07/2020"
    assert i18n.format_date(day, "de") == "July 15, 2020"


def test_datetimes_in_a_time_zone():
    moment = dt.datetime(2020, 7, 15, 12, 30, tzinfo=dt.timezone.utc)
    assert i18n.format_datetime(moment, "fr", format="short", tzinfo="Africa/Casablanca") == "15/07/2020 13:30"


def test_numbers():
    assert i18n.format_number(5654, "ar") == "5.654"
    assert i18n.format_number(5654, "fr") == "5\u202f654"
    assert i18n.format_number(5654, "en") == "5,654"
    assert i18n.format_number(1234567.891, "ar") == "1.234.567,891"
    assert i18n.format_number(1234.5, "fr", decimals=1) == "1\u202f234,5"
    assert i18n.format_number(3769.4, "en", decimals=0) == "3,769"
    assert i18n.format_number(2.25, "ar", decimals=2) == "2,25"


# --- compiled catalogs and the in-memory fallback --------------------------------------------------

def _all_strings(translations: Translations, catalog: Catalog) -> list[str]:
    out = []
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            for n in (0, 1, 2, 3, 11, 100, 1_000_000):
                out.append(translations.npgettext(message.context, *message.id, n) if message.context
                           else translations.ngettext(*message.id, n))
        elif message.context:
            out.append(translations.pgettext(message.context, message.id))
        else:
            out.append(translations.gettext(message.id))
    return out


@pytest.fixture()
def locales_copy(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(catalogs.LOCALES_DIR, target, ignore=shutil.ignore_patterns("*.mo"))
    return target


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_fallback_gives_the_same_strings_as_the_compiled_catalog(language, locales_copy):
    catalog = catalogs.read_catalog(language, locales_copy)
    po, mo = catalogs.po_path(language, locales_copy), catalogs.mo_path(language, locales_copy)
    assert not mo.exists()
    from_po = catalogs.load_translations(language, locales_copy)  # no .mo: the .po compiled in memory

    pybabel = Path(sys.executable).with_name("pybabel")  # what the build runs
    if pybabel.exists():
        subprocess.run([str(pybabel), "compile", "-D", "marsad", "-l", language, "-i", str(po), "-o", str(mo)],
                       check=True, capture_output=True)
    else:  # pragma: no cover - an environment without the console script
        mo.write_bytes(catalogs.compile_catalog(catalog))
    os.utime(po, (1, 1))  # the .mo is the newer file: it is used
    from_mo = catalogs.load_translations(language, locales_copy)
    assert from_mo is not from_po
    assert _all_strings(from_po, catalog) == _all_strings(from_mo, catalog)
    singular = [m for m in catalog if m.id and not m.pluralizable]
    assert [from_mo.pgettext(m.context, m.id) if m.context else from_mo.gettext(m.id) for m in singular] == [
        m.string for m in singular]


def test_compile_all_writes_mo_files_and_a_stale_mo_is_ignored(locales_copy):
    written = catalogs.compile_all(locales_copy)
    assert sorted(p.parent.parent.name for p in written) == sorted(i18n.LANGUAGES)
    mo = catalogs.mo_path("fr", locales_copy)
    with mo.open("rb") as handle:
        assert Translations(fp=handle, domain="marsad").pgettext("MechanismKind", "Treaty body") == (
            "Organe conventionnel")
    # A .po edited after the build wins over its older .mo.
    po = catalogs.po_path("fr", locales_copy)
    po.write_text(po.read_text(encoding="utf-8").replace('"Organe conventionnel"', '"Organe de traité"'),
                  encoding="utf-8")
    os.utime(mo, (1, 1))
    assert catalogs.load_translations("fr", locales_copy).pgettext("MechanismKind", "Treaty body") == (
        "Organe de traité")
    assert catalogs.load_translations("fr", locales_copy, use_mo=False).pgettext(
        "MechanismKind", "Treaty body") == "Organe de traité"


def test_the_compile_module_checks_and_compiles(locales_copy, monkeypatch, capsys):
    from content.i18n import compile as compile_module

    assert compile_module.main(["--check"]) == 0
    monkeypatch.setattr(compile_module, "compile_all", lambda: catalogs.compile_all(locales_copy))
    assert compile_module.main([]) == 0
    assert "compiled" in capsys.readouterr().out
    assert catalogs.mo_path("ar", locales_copy).exists()


def test_i18n_imports_nothing_from_schema_hub_or_search_index():
    code = ("import sys, content.i18n, content.i18n.compile, content.i18n.messages; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('schema', 'hub', 'search_index')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"
