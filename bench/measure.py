"""Run a command; print its wall seconds and its peak resident memory in KiB (Linux ru_maxrss)."""

import resource
import subprocess
import sys
import time

begin = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(time.perf_counter() - begin, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
