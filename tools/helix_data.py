"""Synthetic conversations and activations with a planted helical turn signal.

Writes into content/posts/helix-turn-structure/:
  tokens.csv       one row per token: conversation, round, role, position in
                   the conversation (0-1), round time (position measured in
                   rounds, 0-1: every round spans a fifth), phase within the
                   round (0-1), its sine and cosine, and the token's word
  activations.npy  float16, shape (layers, tokens, dims): residual-stream
                   stand-ins whose rows align with tokens.csv
  planted.json     what was planted, for the tests and the prose

Every token's activation at layer l is
    topic[conversation] * t + drift * (position - 1/2) * w
    + A[l] * (cos(2 pi phase) * u + sin(2 pi phase) * v) + noise,
with t, w, u, v orthonormal directions hidden by a random rotation. Variances
are chosen so that, at every layer but the first, principal component 1 is the
per-conversation topic, components 2 and 3 carry the helix (phase turns once
per round, i.e. 5 times per 5-round conversation) and component 4 the linear
drift. Run: python3 tools/helix_data.py (numpy; same bytes every run).
"""
import csv
import json
import os

import numpy as np

SEED = 20261121
CONVERSATIONS = 50
ROUNDS = 5
DIMS = 16
AMPLITUDE = [0.45, 1.7, 2.4, 2.0]     # helix radius per layer
TOPIC_SD = 2.6                        # per-conversation offset (PC1)
DRIFT = 4.0                           # slope along the conversation (PC4)
NOISE_SD = 0.45

WORDS_USER = ("how why what could you explain the a this my code error loop "
              "again model train data step loss help please show me is does "
              "it when should we which better fix test run").split()
WORDS_ASSISTANT = ("the a of to and in is that it for this with you can as "
                   "on be are we model data step loss value each first then "
                   "so if not when which more here one two because rate "
                   "gradient layer token batch learning shows means check "
                   "run result example note see").split()

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "content", "posts", "helix-turn-structure")


def turn_length(rng, role):
    # Log-normal lengths: short questions, long and more variable answers.
    if role == "user":
        return int(np.clip(round(rng.lognormal(np.log(16), 0.5)), 4, 60))
    return int(np.clip(round(rng.lognormal(np.log(55), 0.55)), 12, 220))


def main():
    rng = np.random.default_rng(SEED)
    rows = []
    for conv in range(1, CONVERSATIONS + 1):
        turns = []
        for rnd in range(1, ROUNDS + 1):
            for role in ("user", "assistant"):
                turns.append((rnd, role, turn_length(rng, role)))
        total = sum(n for _, _, n in turns)
        index = 0
        for rnd in range(1, ROUNDS + 1):
            round_turns = [t for t in turns if t[0] == rnd]
            round_len = sum(n for _, _, n in round_turns)
            k = 0
            for _, role, n in round_turns:
                words = WORDS_USER if role == "user" else WORDS_ASSISTANT
                for _ in range(n):
                    phase = k / round_len
                    rows.append({
                        "conversation": conv, "round": rnd, "role": role,
                        "token": index, "position": index / total,
                        "phase": phase,
                        "round_time": (rnd - 1 + phase) / ROUNDS,
                        "sin_phase": np.sin(2 * np.pi * phase),
                        "cos_phase": np.cos(2 * np.pi * phase),
                        "word": words[rng.integers(len(words))],
                    })
                    index += 1
                    k += 1
    count = len(rows)
    conv = np.array([r["conversation"] for r in rows])
    position = np.array([r["position"] for r in rows])
    theta = 2 * np.pi * np.array([r["phase"] for r in rows])

    rotation, _ = np.linalg.qr(rng.standard_normal((DIMS, DIMS)))
    t, w, u, v = rotation[:, 0], rotation[:, 1], rotation[:, 2], rotation[:, 3]
    topic = rng.standard_normal((len(AMPLITUDE), CONVERSATIONS + 1)) * TOPIC_SD
    layers = []
    for layer, amplitude in enumerate(AMPLITUDE):
        x = (topic[layer, conv][:, None] * t
             + DRIFT * (position - 0.5)[:, None] * w
             + amplitude * (np.cos(theta)[:, None] * u + np.sin(theta)[:, None] * v)
             + rng.standard_normal((count, DIMS)) * NOISE_SD)
        layers.append(x)
    activations = np.stack(layers).astype(np.float16)

    os.makedirs(OUT, exist_ok=True)
    np.save(os.path.join(OUT, "activations.npy"), activations)
    with open(os.path.join(OUT, "tokens.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["conversation", "round", "role", "token", "position",
                      "round_time", "phase", "sin_phase", "cos_phase", "word"])
        for r in rows:
            out.writerow([r["conversation"], r["round"], r["role"], r["token"],
                          f"{r['position']:.6f}", f"{r['round_time']:.6f}", f"{r['phase']:.6f}",
                          f"{r['sin_phase']:.6f}", f"{r['cos_phase']:.6f}", r["word"]])
    # One row per layer, so the prose and the tests can read it as a table.
    planted = [{
        "layer": layer, "helix_amplitude": amplitude,
        "seed": SEED, "conversations": CONVERSATIONS, "rounds": ROUNDS,
        "tokens": count, "dims": DIMS, "topic_sd": TOPIC_SD, "drift": DRIFT,
        "noise_sd": NOISE_SD, "helix_frequency": ROUNDS,
        "helix_component_a": 2, "helix_component_b": 3, "drift_component": 4,
        "best_layer": int(np.argmax(AMPLITUDE)),
    } for layer, amplitude in enumerate(AMPLITUDE)]
    with open(os.path.join(OUT, "planted.json"), "w") as f:
        json.dump(planted, f, indent=1)
        f.write("\n")
    print(f"{count} tokens, activations {activations.shape} "
          f"({activations.nbytes / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
