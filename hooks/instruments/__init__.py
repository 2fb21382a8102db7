"""Checklists of the PSA-werkboek: load, validate and render instruments. Plain Python; no MkDocs needed."""

from .loader import InstrumentError
from .model import Instrument, check_usage, load_folder, plan_target

__all__ = ["Instrument", "InstrumentError", "check_usage", "load_folder", "plan_target"]
