#!/usr/bin/env python3
"""Write one synthetic corpus of N posts for both quire and Hugo.

    make_corpus.py N DIR   ->   DIR/quire (a quire site) and DIR/hugo (a Hugo site)

Each post is ~1,000 words of Markdown with headings, a bulleted and a numbered
list, a table, a fenced code block, a footnote and front matter with tags. The
same Markdown body goes to both tools; only the site scaffolding differs. The
output is deterministic for a given N (seeded generator), so runs compare.
"""
import os
import random
import shutil
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

WORDS = ("loss gradient layer model token batch step epoch warmup schedule probe "
         "residual attention head feature circuit sparse dense signal noise run seed "
         "checkpoint learning rate decay norm weight bias activation embedding vector "
         "matrix variance component eigen shard cluster node cache queue latency "
         "throughput memory budget baseline ablation sweep grid metric score data "
         "sample split train test eval corpus vocabulary context window curve plateau "
         "spike divergence recovery optimizer momentum adam clip scale precision").split()
TAGS = [f"topic-{i:02d}" for i in range(30)]
SITE_TITLE = "Benchmark Notes"
BASE_URL = "https://bench.example.org/"


def sentence(rng, lo=8, hi=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    if rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = f"`{words[i]}`"
    return " ".join(words) + "."


def paragraph(rng, sentences=5):
    return " ".join(sentence(rng) for _ in range(sentences))


def body(rng, index):
    """~1,000 words: four sections, lists, a table, code and a footnote."""
    parts = [paragraph(rng) + "[^note]", ""]
    parts += ["## Setup", "", paragraph(rng), "", paragraph(rng), ""]
    parts += [f"- {sentence(rng, 4, 9)}" for _ in range(5)] + [""]
    parts += ["## Results", "", paragraph(rng), ""]
    parts += ["| run | steps | loss | accuracy |", "| --- | ---: | ---: | ---: |"]
    for r in range(6):
        parts.append(f"| run-{index}-{r} | {rng.randint(1, 90) * 1000} | "
                     f"{rng.uniform(0.5, 3):.3f} | {rng.uniform(0.4, 0.99):.1%} |")
    parts += ["", paragraph(rng), "", paragraph(rng), ""]
    parts += ["### Details", "", paragraph(rng), ""]
    parts += [f"{i}. {sentence(rng, 5, 10)}" for i in range(1, 6)] + [""]
    parts += ["## Code", "", paragraph(rng, 3), "", "```python",
              "def smooth(values, weight=0.9):",
              "    last, out = values[0], []",
              "    for v in values:",
              f"        last = last * weight + (1 - weight) * v  # post {index}",
              "        out.append(last)",
              "    return out", "```", ""]
    parts += ["## Discussion", "", paragraph(rng), "", paragraph(rng), "",
              paragraph(rng), "", paragraph(rng), "", paragraph(rng), ""]
    parts += [f"[^note]: {sentence(rng)}", ""]
    return "\n".join(parts)


def front_matter(rng, index, day):
    tags = sorted(rng.sample(TAGS, 3))
    return "\n".join([
        "---",
        f"title: \"Post {index}: {' '.join(rng.choice(WORDS) for _ in range(4))}\"",
        f"date: {day.isoformat()}",
        f"summary: \"{sentence(rng)}\"",
        f"tags: [{', '.join(tags)}]",
        "---", ""])


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def scaffold(root):
    quire, hugo = os.path.join(root, "quire"), os.path.join(root, "hugo")
    for d in (quire, hugo):
        shutil.rmtree(d, ignore_errors=True)
    write(os.path.join(quire, "quire.yaml"), "\n".join([
        f"title: {SITE_TITLE}", f"base_url: {BASE_URL}", "author: Bench",
        "description: Synthetic posts for timing.", "language: en",
        "feed_items: 20", "paginate: 10", ""]))
    shutil.copytree(os.path.join(REPO, "templates"), os.path.join(quire, "templates"))
    write(os.path.join(hugo, "config.toml"), "\n".join([
        f'baseURL = "{BASE_URL}"', f'title = "{SITE_TITLE}"', 'languageCode = "en"',
        "paginate = 10", "rssLimit = 20", "buildFuture = true",
        # quire has no section listing page; Hugo's is switched off to match.
        'disableKinds = ["section"]',
        "[taxonomies]", '  tag = "tags"',
        "[markup.goldmark.renderer]", "  unsafe = true",
        # quire highlights fenced code at build time (classes, themed by CSS);
        # Hugo's Chroma does the same work here.
        "[markup.highlight]", "  codeFences = true", "  noClasses = false",
        "[markup.tableOfContents]", "  startLevel = 2", "  endLevel = 3", ""]))
    shutil.copytree(os.path.join(HERE, "hugo-layouts"), os.path.join(hugo, "layouts"))
    about = "---\ntitle: About\n---\n\nThis site exists to be built quickly.\n"
    write(os.path.join(quire, "content", "about.md"), about)
    write(os.path.join(hugo, "content", "about.md"), about)
    return quire, hugo


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_corpus.py N DIR")
    count, root = int(sys.argv[1]), sys.argv[2]
    quire, hugo = scaffold(root)
    rng = random.Random(7)
    # All dates in the past: Hugo skips future posts by default.
    start = date(1990, 1, 1)
    for i in range(count):
        day = start + timedelta(days=i)
        text = front_matter(rng, i, day) + "\n" + body(rng, i)
        slug = f"post-{i:05d}"
        write(os.path.join(quire, "content", "posts", slug, "index.md"), text)
        write(os.path.join(hugo, "content", "posts", slug + ".md"), text)


if __name__ == "__main__":
    main()
