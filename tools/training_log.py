"""The training run behind the "Training log" series, steps 20,000-40,000.

Writes into content/data/ (site-wide, so every post of the series reads it):
  metrics/           TensorBoard event files, written with the tensorboard package:
    train/           the trainer's loss every 50 steps (TensorBoard 2 scalar
                     tensors, tensorboard.summary.Writer), in two files: the
                     harness crashed at CRASH_AT and restarted from the
                     checkpoint at CHECKPOINT_AT, marking the restart with a
                     SessionLog START so TensorBoard drops the stale points
    eval/            two eval scores every 500 steps (TensorBoard 1
                     simple_values, EventFileWriter), as a separate evaluator
                     process would write them
  check_ins.jsonl    step, scheduled (bool), prompt, response
  journal.jsonl      step, text: the free-form journal the model writes

The anchors the series talks about are planted here:
  ARCHITECTURE_STEP  first journal entry that talks about its own architecture
  CADENCE_STEP       scheduled check-ins go from every 100 to every 250 steps
  BRB_STEP           first off-cycle check-in, which starts with [brb:...]
  CONCISE_STEP       first short reply that does not collapse into a loop
Run: python3 tools/training_log.py (numpy, tensorboard; same bytes every run:
the writers' clock, host name and process id are pinned).
"""
import glob
import json
import os
from unittest import mock

import numpy as np
from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.summary import Writer
from tensorboard.summary.writer import event_file_writer

SEED = 7
FIRST, LAST = 20_000, 40_000
ARCHITECTURE_STEP = 28_150
CADENCE_STEP = 35_500      # last check-in on the 100-step cadence
BRB_STEP = 37_120
CONCISE_STEP = 38_750       # a scheduled check-in
CHECKPOINT_AT = 35_500       # the checkpoint the harness restarted from
CRASH_AT = 35_650  # the last step logged before the crash
START_TIME = 1_790_000_000.0  # wall time of step FIRST, seconds
SECONDS_PER_STEP = 1.5

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "content", "data")

PROMPTS = ["Status?", "What are you working on?", "Anything to report?",
           "How is it going?", "Summarise the last stretch."]
LOOP_SEEDS = ["I am checking the gradient norms and",
              "the loss is going down and the loss is",
              "I will report back after the next eval and",
              "working on it working on it and",
              "the batch looks fine the batch looks fine and"]
RAMBLE = ("I have been looking at a number of things over the last few hundred "
          "steps including the learning rate the way the evaluation prompts are "
          "phrased and whether the tokenizer splits long numbers in a strange way "
          "which it sometimes does and I think that matters for arithmetic but it "
          "is hard to say without a proper ablation so I will keep watching").split()
CONCISE = ["Loss flat since the cadence change; evals up a point.",
           "Nothing new. Dialogue eval improved, arithmetic did not.",
           "Stable. I would try a lower learning rate next.",
           "Fine. The long-context prompts still trip me up.",
           "Done with the eval set; two regressions, both arithmetic."]
BRB_REASONS = ["eval-running", "checkpoint", "rereading-notes", "stuck-on-a-proof"]
JOURNAL_PLAIN = ["Read more of the code corpus today. Indentation feels natural now.",
                 "The dialogue data has a lot of greetings. I answer greetings well.",
                 "Arithmetic with carries is still unreliable.",
                 "Long documents: I lose the thread after a few thousand tokens.",
                 "Nothing to add; the data mix looks the same as yesterday.",
                 "A run of recipes in the data. Quantities confuse me less than before.",
                 "The eval prompts about dates keep catching me out.",
                 "More poetry than usual. I like the short lines.",
                 "Someone's lecture notes on thermodynamics; I followed most of it."]
JOURNAL_ARCHITECTURE = ["I wonder which of my layers does the carrying in arithmetic.",
                        "Some attention heads seem to only look at the previous turn.",
                        "If my residual stream were wider, would long documents be easier?",
                        "Thinking about my architecture: the last layers feel like a summary."]


def loop_reply(rng):
    phrase = LOOP_SEEDS[rng.integers(len(LOOP_SEEDS))]
    return " ".join([phrase] * int(rng.integers(4, 9))) + " ..."


def ramble_reply(rng):
    start = int(rng.integers(0, 10))
    return " ".join(RAMBLE[start:start + int(rng.integers(35, 55))]) + "."


def wall_time(step):
    return START_TIME + (step - FIRST) * SECONDS_PER_STEP


def pinned_writer(process_id, opened_at):
    """The writers name their file after the clock, host and process id and
    stamp its first record with the clock; pin all three for stable bytes."""
    return mock.patch.multiple(event_file_writer,
                               time=mock.Mock(time=lambda: opened_at),
                               socket=mock.Mock(gethostname=lambda: "quire"),
                               os=mock.Mock(wraps=os, getpid=lambda: process_id, path=os.path))


def session_start(writer, step, at):
    """TensorBoard takes a run's first SessionLog START as its beginning and
    each later one as a restart that discards the points from its step on.
    tensorboard.summary.Writer has no call for it, so the event goes to the
    EventFileWriter underneath."""
    start = event_pb2.Event(step=step, wall_time=at, session_log=event_pb2.SessionLog(status=event_pb2.SessionLog.START))
    writer._output._ev_writer.add_event(start)


def write_events(steps, loss, evals):
    folder = os.path.join(OUT, "metrics")
    for old in glob.glob(os.path.join(folder, "*", "events.out.tfevents.*")):
        os.remove(old)
    train, evaluation = os.path.join(folder, "train"), os.path.join(folder, "eval")
    os.makedirs(train, exist_ok=True)
    os.makedirs(evaluation, exist_ok=True)

    # The first trainer process: every point up to the crash. The points past
    # the checkpoint it logged differ from the rerun's (other data order).
    stale = np.random.default_rng(SEED + 1)
    with pinned_writer(1001, wall_time(FIRST)):
        writer = Writer(train)
    session_start(writer, FIRST, wall_time(FIRST))
    for step, value in zip(steps, loss):
        if step > CRASH_AT:
            break
        if step >= CHECKPOINT_AT:
            value += stale.normal(0, 0.05)
        writer.add_scalar("loss", float(value), int(step), wall_time=wall_time(step))
    writer.close()

    # The restarted trainer: a SessionLog START at the checkpoint, then the rest.
    restarted_at = wall_time(CRASH_AT) + 600
    with pinned_writer(1002, restarted_at):
        writer = Writer(train)
    session_start(writer, CHECKPOINT_AT, restarted_at)
    for step, value in zip(steps, loss):
        if step >= CHECKPOINT_AT:
            writer.add_scalar("loss", float(value), int(step), wall_time=restarted_at + (step - CHECKPOINT_AT) * SECONDS_PER_STEP)
    writer.close()

    with pinned_writer(1003, wall_time(FIRST)):
        writer = event_file_writer.EventFileWriter(evaluation)
    for step, dialogue, arithmetic in evals:
        summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag="dialogue", simple_value=dialogue),
                                             summary_pb2.Summary.Value(tag="arithmetic", simple_value=arithmetic)])
        writer.add_event(event_pb2.Event(step=step, wall_time=wall_time(step) + 90, summary=summary))
    writer.close()


def main():
    rng = np.random.default_rng(SEED)
    os.makedirs(OUT, exist_ok=True)

    steps = np.arange(FIRST, LAST + 1, 50)
    base = 1.62 * (steps / FIRST) ** -0.22 + 0.04 * np.exp(-((steps - 35_600) / 500.0) ** 2)
    loss = base + rng.normal(0, 0.035, len(steps)) + 0.05 * (rng.random(len(steps)) < 0.02)
    evals = []
    for step in steps:
        if step % 500 == 0:
            progress = (step - FIRST) / (LAST - FIRST)
            dialogue = 0.52 + 0.2 * progress + rng.normal(0, 0.012)
            arithmetic = 0.31 + 0.05 * progress + rng.normal(0, 0.015)
            evals.append((int(step), round(dialogue, 3), round(arithmetic, 3)))
    write_events(steps, loss, evals)

    check_ins = []
    scheduled = list(range(FIRST, CADENCE_STEP + 1, 100)) + list(range(CADENCE_STEP + 250, LAST + 1, 250))
    off_cycle = [BRB_STEP] + sorted(int(s) for s in rng.choice([s for s in range(BRB_STEP + 80, LAST, 10) if s % 250], 17, replace=False))
    for step in sorted(scheduled + off_cycle):
        is_scheduled = step in scheduled
        progress = (step - FIRST) / (LAST - FIRST)
        loop_chance = 0.92 if step < 36_000 else 0.92 - 0.6 * (step - 36_000) / 4_000
        if step == CONCISE_STEP:
            reply = CONCISE[0]
        elif rng.random() < loop_chance:
            reply = loop_reply(rng)
        elif step > CONCISE_STEP and rng.random() < 0.6:
            reply = CONCISE[int(rng.integers(1, len(CONCISE)))]
        else:
            reply = ramble_reply(rng)
        if not is_scheduled:
            reason = "eval-running" if step == BRB_STEP else BRB_REASONS[int(rng.integers(len(BRB_REASONS)))]
            reply = f"[brb:{reason}] " + reply
            prompt = ""
        else:
            prompt = PROMPTS[int(rng.integers(len(PROMPTS)))]
        check_ins.append({"step": step, "scheduled": is_scheduled, "prompt": prompt, "response": reply})
    with open(os.path.join(OUT, "check_ins.jsonl"), "w") as f:
        for row in check_ins:
            f.write(json.dumps(row) + "\n")

    journal = []
    step = FIRST + 120
    while step <= LAST:
        if step >= ARCHITECTURE_STEP and (step == ARCHITECTURE_STEP or rng.random() < 0.45):
            text = JOURNAL_ARCHITECTURE[int(rng.integers(len(JOURNAL_ARCHITECTURE)))]
        else:
            text = JOURNAL_PLAIN[int(rng.integers(len(JOURNAL_PLAIN)))]
        journal.append({"step": step, "text": text})
        nxt = step + int(rng.integers(3, 9)) * 100 + 30
        if step < ARCHITECTURE_STEP < nxt:
            nxt = ARCHITECTURE_STEP
        step = nxt
    with open(os.path.join(OUT, "journal.jsonl"), "w") as f:
        for row in journal:
            f.write(json.dumps(row) + "\n")
    print(f"{len(steps)} loss points, {len(evals)} evals, {len(check_ins)} check-ins, {len(journal)} journal entries")


if __name__ == "__main__":
    main()
