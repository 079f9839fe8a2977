#!/usr/bin/python3
"""Loads a .bin with fastText's own library and prints what it answers, for BlazingTextInterop to compare.

usage: ft_answers.py MODEL.bin WORDS.txt LINES.txt
prints JSON lines: {"word": w, "vector": [...]} for each word, then {"line": i, "labels": [...], "probs": [...]}
(k=2) for each line when the model is a classifier.
"""
import json
import sys

import fasttext


def lines_of(path):
    """The file's lines as Java's Files.readAllLines gives them: no empty element after the last line break."""
    text = open(path, encoding="utf-8").read().split("\n")
    return text[:-1] if text and text[-1] == "" else text


def main():
    m = fasttext.load_model(sys.argv[1])
    for w in lines_of(sys.argv[2]):
        if w:
            print(json.dumps({"word": w, "vector": [float(x) for x in m.get_word_vector(w)]}))
    if m.is_quantized() or not m.get_labels() or not m.get_labels()[0].startswith("__label__"):
        return
    for i, line in enumerate(lines_of(sys.argv[3])):
        labels, probs = m.predict(line, k=2, threshold=0.0)
        print(json.dumps({"line": i, "labels": list(labels), "probs": [float(p) for p in probs]}))


if __name__ == "__main__":
    main()
