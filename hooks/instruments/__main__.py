"""Check every instrument: `python -m instruments` from hooks/ (or `python hooks/instruments` from the root)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from instruments import InstrumentError, load_folder  # noqa: E402

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "checklists"
try:
    found = load_folder(folder)
except InstrumentError as exc:
    sys.exit(f"FOUT: {exc}")
for instrument in found.values():
    if instrument.kind == "form":
        print(f"{instrument.file}: {instrument.id}, formulier met {len(instrument.data['parts'])} onderdelen")
    else:
        print(f"{instrument.file}: {instrument.id}, {sum(1 for _ in instrument.items())} vragen in "
              f"{len(instrument.data['groups'])} groepen")
