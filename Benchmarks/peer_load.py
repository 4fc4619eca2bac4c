#!/usr/bin/env python3
"""Parse every .json file below FOLDER with Python's json or orjson, as the peer converters
read result files: open, read, loads, keep nothing. Usage: peer_load.py json|orjson FOLDER"""

import sys
from pathlib import Path


def main() -> None:
    parser, folder = sys.argv[1], Path(sys.argv[2])
    if parser == "orjson":
        import orjson

        loads = orjson.loads
    else:
        import json

        loads = json.loads
    count = 0
    for path in sorted(folder.rglob("*.json")):
        loads(path.read_bytes())
        count += 1
    print(f"{count} files", file=sys.stderr)


if __name__ == "__main__":
    main()
