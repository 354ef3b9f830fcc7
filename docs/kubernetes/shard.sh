#!/bin/sh
# shard.sh K N: write shard K of N (1 <= K <= N) of a breachnotice run, for
# batch schedulers that run a shell on the host (Slurm, HTCondor, GNU
# parallel, xargs: docs/kubernetes.md, "Other batch schedulers"). The same
# contract as /shardrun in the container image:
#   - a shard that finished earlier (its summary.json exists) is not run again;
#   - "letters" exiting 1 (done, with rejected rows in rejects.csv) is
#     success: the shard must not be retried;
#   - any other status is passed on: 2 is an error a retry does not cure
#     (bad arguments or input), anything else (killed, out of memory) may be
#     retried: the run resumes where it stopped.
#
# Set in the environment, identical for every shard and every retry:
#   BREACHNOTICE  the binary (default: breachnotice on PATH)
#   INCIDENT      the incident file
#   CUSTOMERS     the customer file
#   OUT           the shared output folder: shard K goes to $OUT/shard-K
#   NOW           the pinned RFC 3339 time, e.g. 2026-11-23T09:00:00+01:00
#   WORKERS       letters rendered at once (default 2: the cores per task)
set -u
if [ $# -ne 2 ]; then
	echo "usage: shard.sh K N" >&2
	exit 2
fi
k=$1 n=$2
case "$k$n" in *[!0-9]*)
	echo "shard.sh: K and N must be numbers, got '$k' '$n'" >&2
	exit 2
	;;
esac
if [ "$k" -lt 1 ] || [ "$k" -gt "$n" ]; then
	echo "shard.sh: shard $k outside 1..$n" >&2
	exit 2
fi
: "${INCIDENT:?set INCIDENT}" "${CUSTOMERS:?set CUSTOMERS}" "${OUT:?set OUT}" "${NOW:?set NOW: the same pinned time for every shard}"
umask 077
if [ -e "$OUT/shard-$k/summary.json" ]; then
	echo "shard.sh: shard $k/$n: $OUT/shard-$k/summary.json exists: finished by an earlier run, not run again"
	exit 0
fi
"${BREACHNOTICE:-breachnotice}" letters --incident "$INCIDENT" --customers "$CUSTOMERS" \
	--out "$OUT/shard-$k" --now "$NOW" --shard "$k/$n" --workers "${WORKERS:-2}"
status=$?
if [ "$status" -eq 1 ]; then
	echo "shard.sh: shard $k/$n: done, with rejected rows (see $OUT/shard-$k/rejects.csv)"
	exit 0
fi
exit "$status"
