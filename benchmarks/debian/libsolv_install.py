#!/usr/bin/python3
"""One libsolv install solve per requested package on an empty amd64 system, as JSON lines.

Usage: libsolv_install.py CATALOG[,CATALOG...] SAMPLE_FILE
Each line: {"request", "installable", "size", "millis"}; millis times the solver alone
(a new Solver and solve()), the pool being loaded once, as `spk bench install` does.
"""
import json
import sys
import time

import solv


def main():
    catalogs, sample = sys.argv[1], sys.argv[2]
    pool = solv.Pool()
    pool.setdisttype(solv.Pool.DISTTYPE_DEB)
    pool.setarch("amd64")
    for i, path in enumerate(catalogs.split(",")):
        repo = pool.add_repo("catalog%d" % i)
        f = solv.xfopen(path)
        repo.add_debpackages(f)
        f.close()
    pool.addfileprovides()
    pool.createwhatprovides()
    for line in open(sample):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        sel = pool.select(name, solv.Selection.SELECTION_NAME)
        jobs = sel.jobs(solv.Job.SOLVER_INSTALL)
        start = time.perf_counter()
        solver = pool.Solver()
        problems = solver.solve(jobs)
        millis = (time.perf_counter() - start) * 1000
        size = 0
        if not problems:
            size = len(solver.transaction().newsolvables())
        print(json.dumps({"request": name, "installable": not problems, "size": size,
                          "millis": round(millis, 3)}))


if __name__ == "__main__":
    main()
