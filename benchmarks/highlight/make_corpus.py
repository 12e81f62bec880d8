#!/usr/bin/env python3
"""A code-heavy site for timing the highlighter: 300 posts of prose, a
footnote per section and four 60-line code blocks each (1,200 blocks).

    make_corpus.py DIR code    fences name their language (python, c, swift, bash, json)
    make_corpus.py DIR plain   the same posts, every fence marked `text`, which quire leaves uncoloured

The code is real: Python's standard library, zlib's header, quire's own Swift
sources and shell scripts, and a JSON dump of Python's build configuration.
Both corpora are byte for byte the same apart from the fence words."""
import json
import os
import random
import shutil
import sys
import sysconfig

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def sources():
    stdlib = sysconfig.get_paths()["stdlib"]
    found = [("python", os.path.join(stdlib, name)) for name in
             ["textwrap.py", "shlex.py", "json/decoder.py", "fractions.py", "dataclasses.py", "argparse.py"]]
    found += [("c", "/usr/include/zlib.h")]
    found += [("swift", os.path.join(REPO, "Sources", module, name)) for module, name in
              [("QuireHighlight", "Tokenizer.swift"), ("QuireMarkdown", "MarkdownDocument.swift")]]
    found += [("bash", os.path.join(REPO, "scripts", name)) for name in ["install-deps", "install"]]
    texts = []
    for language, path in found:
        if not os.path.exists(path):
            sys.exit(f"make_corpus.py: {path} is missing (zlib.h comes with zlib1g-dev)")
        texts.append((language, open(path, encoding="utf-8").read()))
    config = {key: value for key, value in sorted(sysconfig.get_config_vars().items()) if isinstance(value, (str, int))}
    texts.append(("json", json.dumps(config, indent=2)))
    return texts


def main():
    root, mode = sys.argv[1], sys.argv[2]
    assert mode in ("code", "plain"), "mode is code or plain"
    random.seed(1)
    chunks = {}
    for language, text in sources():
        lines = text.split("\n")
        for start in range(0, len(lines) - 60, 60):
            chunks.setdefault(language, []).append("\n".join(lines[start:start + 60]).replace("```", "'''"))
    languages = sorted(chunks)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    with open(os.path.join(root, "quire.yaml"), "w") as config:
        config.write("title: Code corpus\nbase_url: https://corpus.example/\nauthor: A\ndescription: Highlighter benchmark\n")
    prose = ("The probe reads the residual stream at every layer and reports a held-out score; "
             "the control shuffles the rows so that no token meets its own activation. ") * 3
    for number in range(300):
        folder = os.path.join(root, "content", "posts", f"p{number}")
        os.makedirs(folder)
        body = [f"---\ntitle: Post {number}\ndate: 2026-01-{1 + number % 28:02d}\n---\n"]
        for section in range(4):
            # A language first, then a piece of it: each language gets about a fifth of the blocks.
            language = random.choice(languages)
            code = random.choice(chunks[language])
            fence = language if mode == "code" else "text"
            body.append(f"## Section {section}\n\n{prose}[^n{section}]\n\n```{fence}\n{code}\n```\n")
        for section in range(4):
            body.append(f"[^n{section}]: A note about section {section}.\n")
        with open(os.path.join(folder, "index.md"), "w") as post:
            post.write("\n".join(body))


if __name__ == "__main__":
    main()
