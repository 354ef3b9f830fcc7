#!/bin/sh
# wait-job.sh JOB [TIMEOUT_SECONDS]
#
# Waits until a Job of the breachnotice namespace has finished, and says how:
# exit 0 when it is Complete, 1 when it Failed (with the reason and, for the
# Indexed Job, the failed indexes = shards K-1), 2 when the Job cannot be
# read, 3 on timeout (default 24 hours). "kubectl wait
# --for=condition=complete" alone would keep waiting until its timeout when
# the Job fails; this returns at once either way.
#
#   docs/kubernetes/wait-job.sh breachnotice-letters && kubectl apply -f docs/kubernetes/audit-job.yaml
#
# Environment: NAMESPACE (default breachnotice), INTERVAL seconds between
# looks (default 30), KUBECTL (default kubectl).
set -u
job=${1:?usage: wait-job.sh JOB [TIMEOUT_SECONDS]}
timeout=${2:-86400}
ns=${NAMESPACE:-breachnotice}
interval=${INTERVAL:-30}
kubectl=${KUBECTL:-kubectl}
deadline=$(($(date +%s) + timeout))

while :; do
	# The types of the Job's conditions that are True, e.g. "Complete" or
	# "FailureTarget Failed".
	if ! conds=$($kubectl -n "$ns" get job "$job" -o 'jsonpath={range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}'); then
		echo "wait-job: cannot read job/$job in namespace $ns" >&2
		exit 2
	fi
	case " $conds" in
	*" Complete "*)
		echo "job/$job: Complete"
		exit 0
		;;
	*" Failed "*)
		echo "job/$job: Failed" >&2
		$kubectl -n "$ns" get job "$job" -o 'jsonpath={range .status.conditions[?(@.type=="Failed")]}{.reason}: {.message}{"\n"}{end}{"failed indexes (shard K = index+1): "}{.status.failedIndexes}{"\n"}{"completed indexes: "}{.status.completedIndexes}{"\n"}' >&2
		exit 1
		;;
	esac
	if [ "$(date +%s)" -ge "$deadline" ]; then
		echo "wait-job: job/$job has not finished after ${timeout}s" >&2
		exit 3
	fi
	sleep "$interval"
done
