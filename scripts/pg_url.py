"""Print the PostgreSQL URL the test suite should use, or nothing if none is reachable.

DATABASE_URL wins when it names PostgreSQL; else 127.0.0.1:5432, database `test`.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/test"
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        print(f"PostgreSQL không kết nối được ({type(exc).__name__}).", file=sys.stderr)
        return 1
    print(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
