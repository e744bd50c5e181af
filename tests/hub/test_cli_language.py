"""The command line speaks its environment's language (MARSAD_LANGUAGE, LANG...), English by default.

hub.cli reads the language once, when it is imported: each run here is a new process, as a user's is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOCALE_VARIABLES = ("MARSAD_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def marsad(home: Path, *args: str, language: str | None) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items()
           if name not in LOCALE_VARIABLES and name != "MARSAD_DATABASE_URL"}
    env.update({"MARSAD_HOME": str(home), "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"})
    if language is not None:
        env["MARSAD_LANGUAGE"] = language
    return subprocess.run([sys.executable, "-c", "from hub.cli import main; main()", *args], env=env,
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_token_messages_in_french_and_english(tmp_path):
    created = marsad(tmp_path, "token", "create", "--role", "editor", "--name", "amina", language="fr")
    assert created.returncode == 0, created.stderr
    lines = created.stdout.rstrip("\n").split("\n")
    assert lines[-2] == ("Jeton 'amina' (editor) créé. Il n'est affiché que maintenant ; "
                         "conservez-le en lieu sûr :")
    assert lines[-1].startswith("msd_")

    revoked = marsad(tmp_path, "token", "revoke", "amina", language="fr-FR")
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout.strip() == "Jeton 'amina' révoqué."
    not_live = marsad(tmp_path, "token", "revoke", "amina", language="fr")
    assert not_live.returncode == 1
    assert not_live.stdout.strip() == "Aucun jeton actif nommé 'amina'."

    # No language in the environment: English.
    english = marsad(tmp_path, "token", "revoke", "amina", language=None)
    assert english.returncode == 1
    assert english.stdout.strip() == "No live token named 'amina'."
