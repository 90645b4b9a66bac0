#!/usr/bin/env python3
"""Score the extractor on the dev corpus and fail below the floor.

Runs ``../shared/tools/score.py`` (the scorer every session and CI share) on
the whole dev corpus and on each language, and on the project's own annotated
articles (tests/data/corpus2 and heldout, eval/heldout2 and heldout3, written
without looking at the extractor; data/articles), prints the summaries, and
compares every figure with ``scripts/eval_floor.json``. The floor is the level reached
when it was last raised, so extraction cannot silently regress; raise it when
the extractor improves.

Usage: python scripts/check_eval.py [--shared ../shared] [--write-floor]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "eval_floor.json"
F1_KEYS = ("pairs", "agreements", "people", "domains", "forums", "signatories")
ACC_KEYS = ("instrument_acc", "sister_city_acc", "status_acc", "date_acc", "forum_acc")


def score(shared: Path, corpus: Path, lang: str | None, label: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        cmd = [sys.executable, str(shared / "tools" / "score.py"), str(corpus),
               "--json", str(out), "--cmd", f"{sys.executable} -m citygraph"]
        if lang:
            cmd += ["--lang", lang]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent)
        print(f"== {label}: " + (proc.stdout.strip().splitlines() or ["(no output)"])[-1])
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            raise SystemExit(f"score.py failed ({proc.returncode})")
        return json.loads(out.read_text())


def figures(report: dict) -> dict[str, float]:
    out = {f"{k}_f1": round(report[k][2], 3) for k in F1_KEYS}
    out.update({k: round(report[k], 3) for k in ACC_KEYS if report.get(k) is not None})
    out["false_alarms"] = report["false_alarm_agreements"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("CITYGRAPH_SHARED", str(HERE.parent.parent / "shared")))
    ap.add_argument("--write-floor", action="store_true", help="record the current figures as the new floor")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "tools" / "score.py").is_file():
        print(f"no scorer at {shared}/tools/score.py: the shared corpus is needed for make eval")
        return 0 if os.environ.get("CITYGRAPH_REQUIRE_SHARED") != "1" else 1
    dev = shared / "corpus" / "dev"
    current = {lang or "all": figures(score(shared, dev, lang, f"dev {lang or 'all'}")) for lang in (None, "id", "en")}
    # the project's own annotated articles, written without looking at the extractor
    for label, corpus in (("corpus2", HERE.parent / "tests" / "data" / "corpus2"),
                          ("heldout", HERE.parent / "tests" / "data" / "heldout"),
                          ("heldout2", HERE.parent / "eval" / "heldout2"),
                          ("heldout3", HERE.parent / "eval" / "heldout3"),
                          ("corpus4", HERE.parent / "eval" / "corpus4"),
                          ("samples", HERE.parent / "data" / "articles")):
        current[label] = figures(score(shared, corpus, None, label))
    if args.write_floor:
        FLOOR.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
        print(f"floor written to {FLOOR}")
        return 0
    floor = json.loads(FLOOR.read_text())
    failures = []
    for scope, limits in floor.items():
        for key, limit in limits.items():
            got = current.get(scope, {}).get(key)
            if got is None:
                continue
            worse = got > limit if key == "false_alarms" else got < limit
            if worse:
                failures.append(f"{scope} {key}: {got} (floor {limit})")
    if failures:
        print("below the floor:\n  " + "\n  ".join(failures))
        return 1
    print("eval: every figure at or above the floor in scripts/eval_floor.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
