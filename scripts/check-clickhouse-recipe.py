#!/usr/bin/env python3
"""Checks the README's ClickHouse recipe for `benchreport history json`: creates its table in
chDB (the ClickHouse engine as a Python module: `pip install chdb`), loads the rows of a history
with the recipe's date setting, and checks that every row arrived with its types.

    swift build && python3 scripts/check-clickhouse-recipe.py [HISTORY]   # default Examples/history
"""

import pathlib
import re
import subprocess
import sys
import tempfile

from chdb import session

ROOT = pathlib.Path(__file__).resolve().parents[1]


def recipe_table() -> str:
    """The CREATE TABLE statement exactly as the README gives it."""
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"```sql\n(.*?CREATE TABLE benchmark_history.*?;)\n\s*```", readme, re.S)
    if not match:
        sys.exit("README.md: no CREATE TABLE benchmark_history block")
    return "\n".join(line.strip() for line in match.group(1).splitlines()).rstrip(";")


def main() -> None:
    history = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "Examples" / "history")
    binary = ROOT / ".build" / "debug" / "benchreport"
    with tempfile.TemporaryDirectory() as work:
        rows = pathlib.Path(work) / "rows.jsonl"
        subprocess.run([str(binary), "history", "json", history, "-o", str(rows)], check=True)
        expected = sum(1 for _ in rows.open())
        db = session.Session(str(pathlib.Path(work) / "db"))
        db.query(recipe_table())
        # clickhouse-client's --date_time_input_format best_effort, as a query setting.
        db.query(f"INSERT INTO benchmark_history SELECT * FROM file('{rows}', 'JSONEachRow') "
                 "SETTINGS date_time_input_format = 'best_effort'")
        count, runs, first, last, infinite = db.query(
            "SELECT count(), uniq(commit), min(date), max(date), countIf(requestRate = 'inf' "
            "AND requestRateValue IS NULL) FROM benchmark_history", "CSV").bytes().decode().strip().split(",")
    if int(count) != expected:
        sys.exit(f"loaded {count} of {expected} rows")
    print(f"ClickHouse (chDB) loaded all {count} rows of {runs} runs, {first} to {last}; "
          f"{infinite} rows at rate inf with a null requestRateValue")


if __name__ == "__main__":
    main()
