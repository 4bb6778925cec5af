"""The whole deploy on the local emulator (scripts/deploy-local.sh), one run per engine.

Not part of the default run (pytest.ini deselects the marker): it builds the Swift binaries and the Lambda
package and starts database servers. Select it with `pytest -m deploy_local`.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.deploy_local
@pytest.mark.parametrize("engine", ["postgresql", "mysql"])
def test_deploy_local(engine):
    result = subprocess.run(["bash", str(REPO / "scripts" / "deploy-local.sh"), engine], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800)
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-6000:]
