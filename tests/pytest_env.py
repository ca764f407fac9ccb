"""Loaded with -p before Django starts: tests never touch the user's own data folder."""

import os
import tempfile

os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-tests-"))
