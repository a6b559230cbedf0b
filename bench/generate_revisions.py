#!/usr/bin/env python3
"""A deterministic history of revision files for the revision benchmarks in bench/run.

    generate_revisions.py COUNT OUTDIR [--branched] [--transaction-per revision|run]

writes OUTDIR/migrate.yaml and OUTDIR/versions/<id>_<slug>.yaml: COUNT revisions, the first
creating a small table `bench_small (id integer primary key)`, each of the others adding one
column to it (c0001, c0002, ... of varied types, some NOT NULL with a default). Downgrades drop
what the upgrade added. The same graph as an Alembic project, for Alembic's column:
OUTDIR/alembic.ini and OUTDIR/alembic/versions/<id>_<slug>.py, with the same ids, parents and
operations.

  linear (default)  one chain: every revision's parent is the one before.
  --branched        the same COUNT revisions as a history with branches and merges: after the
                    first revision, blocks of 50 where a branch point starts two branches of 24
                    revisions each and a merge revision (two parents, no operations) joins them.
"""

import argparse
import hashlib
import os
import sys

COLUMN_TYPES = [
    ("integer", None), ("text", None), ("bigint", "0"), ("boolean", "false"),
    ("character varying(40)", None), ("timestamp with time zone", "now()"), ("numeric(12,2)", None),
    ("date", None), ("jsonb", "'{}'::jsonb"), ("uuid", None),
]
CREATED = "2026-01-01T00:00:00Z"


def rev_id(i):
    return hashlib.sha1(f"bench-revision-{i}".encode()).hexdigest()[:12]


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def column_op(i):
    sql_type, default = COLUMN_TYPES[i % len(COLUMN_TYPES)]
    fields = [f"table: bench_small", f"column: c{i:04d}", f"type: {quoted(sql_type)}"]
    if default:
        fields += ["nullable: false", f"default: {quoted(default)}"]
    return "{" + ", ".join(fields) + "}"


CREATE = """  - create_table:
      name: bench_small
      columns:
        id: {type: integer, nullable: false}
      primary_key: {name: bench_small_pkey, columns: [id]}"""
DROP = CREATE.replace("create_table", "drop_table")


ALEMBIC_INI = """[alembic]
script_location = %(here)s/alembic
"""
ALEMBIC_ENV = """# heads and history never run this; upgrade would.
from alembic import context
"""


def alembic_operations(yaml_ops):
    """The Alembic calls for this generator's own operations."""
    if not yaml_ops:
        return ["    pass"]
    if "create_table" in yaml_ops:
        return ["    op.create_table('bench_small', sa.Column('id', sa.Integer(), primary_key=True))"]
    if "drop_table" in yaml_ops:
        return ["    op.drop_table('bench_small')"]
    column = yaml_ops.split(", column: ")[1].split(",")[0]
    if "drop_column" in yaml_ops:
        return [f"    op.drop_column('bench_small', '{column}')"]
    sql_type = yaml_ops.split('type: "')[1].split('"')[0]
    return [f"    op.add_column('bench_small', sa.Column('{column}', sa.types.TypeEngine()))"
            f"  # {sql_type}"]


def write_alembic_revision(outdir, rid, parents, message, upgrade, downgrade):
    down = "None" if not parents else (repr(parents[0]) if len(parents) == 1 else repr(tuple(parents)))
    text = "\n".join([
        f'"""{message}"""',
        "from alembic import op",
        "import sqlalchemy as sa",
        "",
        f"revision = {rid!r}",
        f"down_revision = {down}",
        "branch_labels = None",
        "depends_on = None",
        "",
        "",
        "def upgrade():",
        *alembic_operations(upgrade),
        "",
        "",
        "def downgrade():",
        *alembic_operations(downgrade),
    ]) + "\n"
    slug = message.replace(" ", "_")
    with open(os.path.join(outdir, "alembic", "versions", f"{rid}_{slug}.py"), "w") as f:
        f.write(text)


def write_revision(outdir, i, parents, message, upgrade, downgrade):
    rid = rev_id(i)
    write_alembic_revision(outdir, rid, parents, message, upgrade, downgrade)
    slug = message.replace(" ", "_")
    text = "\n".join([
        f"revision: {rid}",
        f"parents: [{', '.join(parents)}]",
        "branch_labels: []",
        "depends_on: []",
        f"message: {message}",
        f"created: {CREATED}",
        "transactional: true",
        "upgrade:" + (" []" if not upgrade else "\n" + upgrade),
        "downgrade:" + (" []" if not downgrade else "\n" + downgrade),
    ]) + "\n"
    with open(os.path.join(outdir, "versions", f"{rid}_{slug}.yaml"), "w") as f:
        f.write(text)
    return rid


def add_column(outdir, i, parent):
    op = column_op(i)
    return write_revision(outdir, i, [parent], f"add column c{i:04d}",
                          f"  - add_column: {op}", f"  - drop_column: {op}")


def linear(outdir, count):
    head = write_revision(outdir, 0, [], "create bench_small", CREATE, DROP)
    for i in range(1, count):
        head = add_column(outdir, i, head)


def branched(outdir, count):
    head = write_revision(outdir, 0, [], "create bench_small", CREATE, DROP)
    i = 1
    while i < count:
        block = min(50, count - i)
        if block < 3:  # no room for two branches and a merge: finish the chain
            for _ in range(block):
                head, i = add_column(outdir, i, head), i + 1
            break
        side = (block - 1) // 2
        tips = []
        for _ in range(2):
            tip = head
            for _ in range(side):
                tip, i = add_column(outdir, i, tip), i + 1
            tips.append(tip)
        for _ in range(block - 1 - 2 * side):  # an odd block: one branch gets one more
            tips[0], i = add_column(outdir, i, tips[0]), i + 1
        head = write_revision(outdir, i, tips, f"merge {i:04d}", "", "")
        i += 1


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("count", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--branched", action="store_true")
    ap.add_argument("--transaction-per", choices=["revision", "run"], default="revision")
    args = ap.parse_args(argv)
    os.makedirs(os.path.join(args.outdir, "versions"), exist_ok=True)
    os.makedirs(os.path.join(args.outdir, "models"), exist_ok=True)
    os.makedirs(os.path.join(args.outdir, "alembic", "versions"), exist_ok=True)
    with open(os.path.join(args.outdir, "alembic.ini"), "w") as f:
        f.write(ALEMBIC_INI)
    with open(os.path.join(args.outdir, "alembic", "env.py"), "w") as f:
        f.write(ALEMBIC_ENV)
    with open(os.path.join(args.outdir, "migrate.yaml"), "w") as f:
        f.write("# generated by bench/generate_revisions.py; the database comes from --url\n"
                "model_paths: [models]\nversion_paths: [versions]\n")
        if args.transaction_per != "revision":  # the default, left unwritten
            f.write(f"transaction_per: {args.transaction_per}\n")
    (branched if args.branched else linear)(args.outdir, args.count)


if __name__ == "__main__":
    main(sys.argv[1:])
