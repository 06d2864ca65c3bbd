"""Paths derived from the package location, so nothing depends on the working directory."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
GOLD_DIR = DATA_DIR / "gold"
BUILD_DIR = PROJECT_ROOT / "_build"
