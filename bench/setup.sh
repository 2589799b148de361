#!/bin/sh
# Reference implementations for bench/learners.ts: scikit-learn (Debian's python3, /usr/bin/python3)
# and R's ranger. Optional: the benchmark skips whichever is missing.
set -e
apt-get update
apt-get install -y python3-sklearn r-cran-ranger
