"""The Spanish wording of the client's pages: every string translated, and the committed .mo up to date."""

import subprocess
import sys
from pathlib import Path

from django.utils import translation

REPO = Path(__file__).resolve().parents[2]
PO = REPO / "src/alliance/web/locale/es/LC_MESSAGES/django.po"

sys.path.insert(0, str(REPO / "scripts"))
from compile_messages import mo_bytes, parse_po  # noqa: E402


def test_every_message_has_a_spanish_translation():
    messages = parse_po(PO.read_text(encoding="utf-8"))
    untranslated = [k for k, v in messages.items() if k and not v]
    assert len(messages) > 20 and untranslated == []


def test_the_committed_mo_matches_the_po():
    result = subprocess.run([sys.executable, str(REPO / "scripts/compile_messages.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_django_reads_the_compiled_catalogue():
    with translation.override("es"):
        assert translation.gettext("This link has already been used") == "Este enlace ya se ha usado"


def test_the_compiler_writes_a_catalogue_gettext_can_read(tmp_path):
    import gettext

    path = tmp_path / "x.mo"
    path.write_bytes(mo_bytes({"": "Content-Type: text/plain; charset=UTF-8\n", "Thank you": "Gracias", "Ñ": "ñ"}))
    catalogue = gettext.GNUTranslations(path.open("rb"))
    assert (catalogue.gettext("Thank you"), catalogue.gettext("Ñ")) == ("Gracias", "ñ")
