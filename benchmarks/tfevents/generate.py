"""Writes the benchmark's event file: SITE/content/posts/bench/runs/big/events.out.tfevents.*

A block of BLOCK_STEPS steps is written with tensorboard's own writer
(tensorboard.summary.Writer: TensorBoard 2 scalar tensors, four tags per
step, as a training loop logs them), then repeated until the file passes
TARGET_BYTES. Repeats keep their steps, so both readers keep every point
(no SessionLog START, nothing is purged). Usage: python3 generate.py SITE [GB]
"""
import glob
import os
import shutil
import sys
import tempfile

import numpy as np
from tensorboard.summary import Writer

BLOCK_STEPS = 500
TAGS = ["train/loss", "train/grad_norm", "train/lr", "eval/accuracy"]


def main():
    site = sys.argv[1]
    target = int(float(sys.argv[2] if len(sys.argv) > 2 else 1.0) * 1e9)
    folder = os.path.join(site, "content", "posts", "bench", "runs", "big")
    os.makedirs(folder, exist_ok=True)
    existing = glob.glob(os.path.join(folder, "events.out.tfevents.*"))
    if existing and os.path.getsize(existing[0]) >= target:
        print(f"{existing[0]}: {os.path.getsize(existing[0]) / 1e9:.2f} GB (kept)")
        return
    for old in existing:
        os.remove(old)
    with open(os.path.join(site, "quire.yaml"), "w") as f:
        f.write("title: bench\nbase_url: https://bench.example/\n")
    with open(os.path.join(site, "content", "posts", "bench", "index.md"), "w") as f:
        f.write("---\ntitle: bench\ndate: 2026-01-01\n---\n")

    rng = np.random.default_rng(0)
    scratch = tempfile.mkdtemp()
    writer = Writer(scratch)
    for step in range(BLOCK_STEPS):
        for tag in TAGS:
            writer.add_scalar(tag, float(rng.normal()), step, wall_time=1.7e9 + step)
    writer.close()
    block_path = glob.glob(os.path.join(scratch, "events.out.tfevents.*"))[0]
    with open(block_path, "rb") as f:
        block = f.read()
    name = os.path.basename(block_path)
    with open(os.path.join(folder, name), "wb") as out:
        written = 0
        while written < target:
            out.write(block)
            written += len(block)
    shutil.rmtree(scratch)
    print(f"{os.path.join(folder, name)}: {written / 1e9:.2f} GB, {written // len(block) * BLOCK_STEPS * len(TAGS):,} scalars")


if __name__ == "__main__":
    main()
