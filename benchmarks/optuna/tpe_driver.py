#!/usr/bin/python3
"""Optuna TPE as an ask/tell proposal server for sagemill's TuningVsOptuna harness.

The harness trains every point itself, so both searches are scored by the same objective code. Protocol, one JSON
object per line:
  stdin, first line: {"seed": 7, "trials": 25, "space": [{"name": "eta", "type": "float", "low": 0.01,
                      "high": 0.5, "log": true}, {"name": "max_depth", "type": "int", "low": 1, "high": 10,
                      "log": false}]}
  then per trial:    stdout {"params": {"eta": 0.031, "max_depth": 6}}   stdin {"loss": 0.2}  (lower is better)
  finally:           stdout {"done": true}

Uses Optuna's default TPESampler (10 random start-up trials, then TPE), seeded. Debian: apt-get install python3-optuna.
"""
import json
import sys

import optuna


def main():
    job = json.loads(sys.stdin.readline())
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=job["seed"]))
    distributions = {}
    for p in job["space"]:
        if p["type"] == "int":
            distributions[p["name"]] = optuna.distributions.IntDistribution(p["low"], p["high"], log=p["log"])
        else:
            distributions[p["name"]] = optuna.distributions.FloatDistribution(p["low"], p["high"], log=p["log"])
    for _ in range(job["trials"]):
        trial = study.ask(distributions)
        print(json.dumps({"params": trial.params}), flush=True)
        answer = json.loads(sys.stdin.readline())
        study.tell(trial, answer["loss"])
    print(json.dumps({"done": True}), flush=True)


if __name__ == "__main__":
    main()
