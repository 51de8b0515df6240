import sys
from pathlib import Path

# golden.py sits beside the tests; kvetch itself comes from the installed
# package, never from the source tree.
sys.path.insert(0, str(Path(__file__).resolve().parent))
