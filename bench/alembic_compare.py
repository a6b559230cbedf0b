#!/usr/bin/python3
"""Alembic's autogenerate comparison, for the comparison column of bench/run: loads the SQLAlchemy
metadata that generate_schema.py --sqlalchemy wrote and runs alembic.autogenerate.compare_metadata
against a database, as `alembic revision --autogenerate` does before it renders the file.

    alembic_compare.py URL SA_METADATA_PY

Needs Debian's python3-alembic, python3-sqlalchemy and python3-psycopg2 (hence /usr/bin/python3).
Prints the number of differences found on stderr; exit 0.
"""

import importlib.util
import sys
import warnings

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


def main(url, path):
    spec = importlib.util.spec_from_file_location("sa_metadata", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    url = url.replace("postgresql://", "postgresql+psycopg2://", 1)
    engine = sa.create_engine(url)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # expression-index and reflection warnings
        with engine.connect() as conn:
            # compare_server_default stays off, Alembic's default: 1.8 issues one SELECT per
            # column with a default and fails on quoted text defaults ('n/a'::text).
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, module.metadata)
    print(f"alembic compare_metadata: {len(diffs)} differences", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
