"""Start-up of `slactl classify`: whole-process wall time, median of interleaved runs.

    python bench/classify_startup.py                        # this slactl only
    python bench/classify_startup.py --vs /path/to/other/slactl --runs 30

Each case (a short report, a long signed e-mail with inflections, and both again with --json)
runs RUNS times after WARMUP runs that fill the policy cache and write bytecode; with --vs the
two commands alternate (A B A B ...) and the ratio A/B is taken pair by pair, so a machine whose
speed drifts during the run moves both. Prints one row per case: median A, median B, median
A/B. (On Linux `/usr/bin/time -v slactl classify ...` gives the same figure for one run.)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

SHORT = "Nuestro sitio web se cayó desde las 9am y no carga"
LONG = ("Buen día. Desde anoche nadie en la oficina recibe correos y los que mandamos rebotan con un error 451. "
        "No hemos cambiado nada de nuestro lado; lo probamos con dos cuentas distintas y en el webmail de ustedes "
        "pasa lo mismo. Atte. Luis Ortega, Sistemas")
CASES = [
    ("short text", ["classify", "ignus", SHORT]),
    ("short text --json", ["classify", "ignus", SHORT, "--json"]),
    ("long e-mail", ["classify", "ignus", LONG]),
    ("long e-mail --json", ["classify", "ignus", LONG, "--json"]),
    ("missing environment --json", ["classify", "ivcisa", "la base de datos no acepta conexiones", "--json"]),
]


def wall(argv: list[str], env: dict[str, str]) -> float:
    begin = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slactl", default=shutil.which("slactl") or "slactl", help="the slactl to measure (A)")
    parser.add_argument("--vs", help="another slactl to compare with (B), e.g. one installed from an older commit")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # a real install has bytecode
    print(f"{'case':<28} {'A median ms':>12} {'B median ms':>12} {'A/B':>6}")
    for name, argv in CASES:
        commands = [[args.slactl, *argv]] + ([[args.vs, *argv]] if args.vs else [])
        for command in commands:
            for _ in range(args.warmup):
                wall(command, env)
        pairs = [[wall(command, env) for command in commands] for _ in range(args.runs)]
        a = statistics.median(p[0] for p in pairs) * 1000
        if args.vs:
            b = statistics.median(p[1] for p in pairs) * 1000
            ratio = statistics.median(p[0] / p[1] for p in pairs)
            print(f"{name:<28} {a:>12.1f} {b:>12.1f} {ratio:>6.2f}")
        else:
            print(f"{name:<28} {a:>12.1f} {'-':>12} {'-':>6}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
