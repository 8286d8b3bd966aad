#!/usr/bin/env python3
"""Writes the sample inputs under tests/data/input/ that src/input's tests read.

    python3 scripts/make_input_samples.py      # needs numpy (pip install numpy)

The files are committed; run this only to change them. Everything is deterministic: the same
numpy writes the same bytes. Each file is a form people dump logits in:

    logits_f32.npy, logits_f64.npy   np.save of a 1-D float32 / float64 array (format 1.0)
    logits_v2.npy, logits_v3.npy     the same float64 array written as format 2.0 and 3.0
    scalar.npy                       a 0-D float64 array (one value)
    matrix.npy                       a 2x3 float64 array (refused: give one vector)
    ints.npy, big_endian.npy,
    half.npy                         dtypes refused: '<i8', '>f8', '<f2'
    with_nan.npy                     a float32 array holding a NaN at index 2 (refused)
    vocab.json                       {token: logit} in vocabulary order, not sorted
    pairs.json                       [[token, logit], ...]
    logits.csv                       a header line, then token,logit rows (csv quotes a comma)
    logits.txt                       "token logit" lines as a print loop writes them
"""

import csv
import json
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "input"

LOGITS = [1.2, 0.9, 0.4, -2.5, 3.0]
TOKENS = ["\u2581The", "\u2581cat", ",", "\u00e9t\u00e9", "<eos>"]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    f64 = np.array(LOGITS, dtype="<f8")
    np.save(OUT / "logits_f32.npy", np.array(LOGITS, dtype="<f4"))
    np.save(OUT / "logits_f64.npy", f64)
    for version in [(2, 0), (3, 0)]:
        with open(OUT / f"logits_v{version[0]}.npy", "wb") as f:
            np.lib.format.write_array(f, f64, version=version)
    np.save(OUT / "scalar.npy", np.array(2.5))
    np.save(OUT / "matrix.npy", np.arange(6, dtype="<f8").reshape(2, 3))
    np.save(OUT / "ints.npy", np.array([1, 2, 3], dtype="<i8"))
    np.save(OUT / "big_endian.npy", f64.astype(">f8"))
    np.save(OUT / "half.npy", f64.astype("<f2"))
    np.save(OUT / "with_nan.npy", np.array([1.0, 2.0, np.nan, 4.0], dtype="<f4"))

    with open(OUT / "vocab.json", "w", encoding="utf-8") as f:
        json.dump(dict(zip(TOKENS, LOGITS)), f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(OUT / "pairs.json", "w", encoding="utf-8") as f:
        json.dump([[t, x] for t, x in zip(TOKENS, LOGITS)], f)
        f.write("\n")
    with open(OUT / "logits.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["token", "logit"])
        for token, x in zip(["a, b", *TOKENS[1:]], LOGITS):
            writer.writerow([token, x])
    with open(OUT / "logits.txt", "w", encoding="utf-8") as f:
        f.write("# token logit\n")
        for token, x in zip(TOKENS, LOGITS):
            print(token, x, file=f)


if __name__ == "__main__":
    main()
