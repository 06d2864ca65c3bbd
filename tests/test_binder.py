"""Binder's one extra step: the MyST chapters open as notebooks in JupyterLab."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_binder_post_build_makes_markdown_chapters_open_as_notebooks(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("JUPYTER_CONFIG_DIR", None)
    subprocess.run(["bash", str(ROOT / "postBuild")], env=env, check=True,
                   capture_output=True)
    settings = json.loads((tmp_path / ".jupyter" / "labconfig" /
                           "default_setting_overrides.json").read_text(encoding="utf-8"))
    viewers = settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == "Jupytext Notebook"


def test_binder_post_build_is_executable_and_uses_an_installed_command():
    assert os.access(ROOT / "postBuild", os.X_OK)
    assert shutil.which("jupytext-config", path=str(Path(sys.executable).parent))
