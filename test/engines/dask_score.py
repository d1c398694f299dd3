"""Scores a JSONL file on a local Dask cluster: each partition of lines goes
through `wildsift score -` (map_partitions), as docs/scale.md shows. Used by
test/cli.engines.test.ts.

Usage: python3 dask_score.py BIN INPUT.jsonl OUTPUT.jsonl [BLOCKSIZE]
"""
import subprocess
import sys

import dask.bag as db
from distributed import Client, LocalCluster

BIN, INPUT, OUTPUT = sys.argv[1], sys.argv[2], sys.argv[3]
BLOCKSIZE = int(sys.argv[4]) if len(sys.argv) > 4 else 100_000


def score(lines):
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines if line.strip())
    if not text:
        return []
    p = subprocess.run(
        ["node", BIN, "score", "-", "--input-format", "jsonl", "-f", "jsonl", "--no-sort", "--jobs", "1", "--quiet", "--no-progress"],
        input=text, capture_output=True, text=True, check=True,
    )
    return p.stdout.splitlines()


if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        bag = db.read_text(INPUT, blocksize=BLOCKSIZE)
        print(f"partitions {bag.npartitions}", file=sys.stderr)
        lines = bag.map_partitions(score).compute()
    with open(OUTPUT, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
