#!/usr/bin/env python3
"""Writes the floor script: the catalog queries of src/catalog/queries.hpp, in the order and the
transaction that reflection (src/catalog/reflect.cpp) runs them, as one psql script.

    extract_floor.py [QUERIES_HPP] > floor.sql

The queries are read from the source at run time, so the floor follows the code when a query
changes. Exits 1 if a query that reflect.cpp runs is missing from the header.
"""

import os
import re
import sys

# The order of Database::reflect() in src/catalog/reflect.cpp.
ORDER = ["schemas", "extensions", "enums", "sequences", "tables", "columns", "constraints",
         "indexes", "unmanaged"]


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = argv[1] if len(argv) > 1 else os.path.join(root, "src", "catalog", "queries.hpp")
    text = open(path).read()
    found = dict(re.findall(r'inline constexpr const char\* (\w+) = R"\((.*?)\)";', text, re.S))
    missing = [name for name in ORDER if name not in found]
    if missing:
        sys.exit(f"extract_floor.py: {path} lacks the queries {', '.join(missing)}")
    extra = sorted(set(found) - set(ORDER))
    out = [f"-- The catalog queries of {os.path.relpath(path, root)}, as reflection runs them.",
           "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;",
           "SET LOCAL search_path = public;"]
    if extra:
        out.append(f"-- not run by reflect(): {', '.join(extra)}")
    for name in ORDER:
        out.append(f"-- {name}{found[name].rstrip()};")
    out.append("COMMIT;")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv)
