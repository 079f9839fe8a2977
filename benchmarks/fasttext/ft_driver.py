#!/usr/bin/python3
"""Times fastText's training in-process (Debian's python3-fasttext, the same C++ library as the fasttext tool),
then saves the model so the Java harness evaluates both tools' models the same way.

usage: ft_driver.py MODE INPUT OUTPUT.bin key=value ...   (MODE: supervised, skipgram or cbow; keys are fastText's)
prints one JSON line: {"seconds": training seconds, "words": tokens counted}
"""
import json
import sys
import time

import fasttext


def main():
    mode, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    kw = {}
    for a in sys.argv[4:]:
        k, v = a.split("=", 1)
        kw[k] = float(v) if k in ("lr", "t") else int(v) if v.lstrip("-").isdigit() else v
    kw.setdefault("verbose", 0)
    start = time.perf_counter()
    if mode == "supervised":
        m = fasttext.train_supervised(input=path, **kw)
    else:
        # python3-fasttext 0.9.2 takes no seed for unsupervised training: its runs differ by thread scheduling only.
        kw.pop("seed", None)
        m = fasttext.train_unsupervised(input=path, model=mode, **kw)
    seconds = time.perf_counter() - start
    m.save_model(out)
    print(json.dumps({"seconds": seconds, "words": len(m.words)}))


if __name__ == "__main__":
    main()
