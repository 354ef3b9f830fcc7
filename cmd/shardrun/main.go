// Command shardrun runs one shard of a sharded breachnotice run inside a
// container that has no shell (the distroless image of
// docs/kubernetes/Dockerfile), where "$((JOB_COMPLETION_INDEX+1))" cannot
// be computed. It uses only the standard library; see docs/kubernetes.md.
//
// Shard mode (the default) reads the 0-based task index a batch scheduler
// sets (-index-env, default JOB_COMPLETION_INDEX for a Kubernetes Indexed
// Job), turns it into the 1-based shard number K (K = index + 1 when
// -index-base is 0), replaces "{K}" and "{N}" in the arguments and runs
// the command:
//
//	shardrun -shards=64 -ok=0,1 -done=/out/shard-{K}/summary.json -- \
//	  /breachnotice letters ... --out=/out/shard-{K} --shard={K}/{N}
//
// All mode (-all) reads no index: every argument that holds "{K}" is
// repeated once per shard, K = 1..N, so one command sees every shard:
//
//	shardrun -all -shards=64 -require=/out/shard-{K}/summary.json -- \
//	  /breachnotice audit --report=/audit ... /out/shard-{K}
//
// Exit status: the command's, except that the statuses listed in -ok are
// reported as 0 ("letters" exits 1 when it finished with rejected rows,
// which are in rejects.csv and accounted for by the audit: the shard is
// done and must not be retried); 128+n when the command was killed by
// signal n; 2 when shardrun cannot start it (bad flags, no or bad index,
// a -require file missing), the status "letters" and "audit" use for
// errors that a retry does not cure. SIGTERM, SIGINT, SIGHUP and SIGQUIT
// are passed on to the command.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
)

const usage = `Usage: shardrun [flags] -- COMMAND [ARG...]

Runs COMMAND for one shard, K of N (1 <= K <= N), replacing {K} and {N} in
its arguments. K comes from the task index in the environment variable
-index-env: K = index + 1 when the index counts from 0 (-index-base=0:
Kubernetes JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX,
BATCH_TASK_INDEX), K = index when it counts from 1 (-index-base=1: Slurm
SLURM_ARRAY_TASK_ID with --array=1-N).

With -all no index is read: each argument holding {K} is given once per
shard, K = 1..N, so one command (the audit) sees every shard.

Flags:
`

type config struct {
	shards    int
	indexEnv  string
	indexBase int
	ok        map[int]bool
	done      string
	all       bool
	require   string
	command   []string
}

func main() {
	os.Exit(run(os.Args[1:], os.LookupEnv, os.Stdout, os.Stderr))
}

// run is main without the process: testable.
func run(args []string, lookup func(string) (string, bool), stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "shardrun: %v\n", err)
		return 2
	}
	var argv []string
	if cfg.all {
		if cfg.require != "" {
			var missing []string
			for k := 1; k <= cfg.shards; k++ {
				if _, err := os.Stat(expand(cfg.require, k, cfg.shards)); err != nil {
					missing = append(missing, strconv.Itoa(k))
				}
			}
			if len(missing) > 0 {
				fmt.Fprintf(stderr, "shardrun: %d of %d shards not finished (no %s): shards %s\n",
					len(missing), cfg.shards, cfg.require, strings.Join(missing, ","))
				return 2
			}
		}
		argv = expandAll(cfg.command, cfg.shards)
		fmt.Fprintf(stderr, "shardrun: all %d shards: %s\n", cfg.shards, strings.Join(argv, " "))
	} else {
		k, err := shardNumber(cfg, lookup)
		if err != nil {
			fmt.Fprintf(stderr, "shardrun: %v\n", err)
			return 2
		}
		if cfg.done != "" {
			done := expand(cfg.done, k, cfg.shards)
			if _, err := os.Stat(done); err == nil {
				fmt.Fprintf(stdout, "shardrun: shard %d/%d: %s exists: finished by an earlier run, not run again\n", k, cfg.shards, done)
				return 0
			}
		}
		for _, a := range cfg.command {
			argv = append(argv, expand(a, k, cfg.shards))
		}
		fmt.Fprintf(stderr, "shardrun: shard %d/%d: %s\n", k, cfg.shards, strings.Join(argv, " "))
	}
	status := execute(argv, stderr)
	if cfg.ok[status] {
		if status != 0 {
			fmt.Fprintf(stderr, "shardrun: %s exited %d, reported as 0 (-ok)\n", argv[0], status)
		}
		return 0
	}
	return status
}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("shardrun", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.IntVar(&cfg.shards, "shards", 0, "number of shards `N` (required; the same in every task)")
	fs.StringVar(&cfg.indexEnv, "index-env", "JOB_COMPLETION_INDEX", "environment variable holding the task index")
	fs.IntVar(&cfg.indexBase, "index-base", 0, "what the first task's index is: 0 or 1")
	okList := fs.String("ok", "0", "comma-separated exit `statuses` of COMMAND reported as 0 (e.g. 0,1 for letters)")
	fs.StringVar(&cfg.done, "done", "", "if `FILE` ({K} replaced) exists, the shard finished earlier: exit 0 without running COMMAND")
	fs.BoolVar(&cfg.all, "all", false, "run COMMAND once with every argument holding {K} repeated for K = 1..N")
	fs.StringVar(&cfg.require, "require", "", "with -all: `FILE` ({K} replaced) must exist for every shard, else exit 2 naming the missing ones")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	cfg.command = fs.Args()
	if len(cfg.command) == 0 {
		return cfg, errors.New("no COMMAND (give it after --; see -h)")
	}
	if cfg.shards < 1 {
		return cfg, fmt.Errorf("-shards=%d: want the number of shards, at least 1", cfg.shards)
	}
	if cfg.indexBase != 0 && cfg.indexBase != 1 {
		return cfg, fmt.Errorf("-index-base=%d: want 0 or 1", cfg.indexBase)
	}
	if cfg.require != "" && !cfg.all {
		return cfg, errors.New("-require needs -all")
	}
	if cfg.done != "" && cfg.all {
		return cfg, errors.New("-done is for shard mode, not -all")
	}
	cfg.ok = map[int]bool{}
	for _, s := range strings.Split(*okList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > 255 {
			return cfg, fmt.Errorf("-ok=%s: want exit statuses such as 0,1", *okList)
		}
		cfg.ok[n] = true
	}
	return cfg, nil
}

// shardNumber is K, 1-based, from the task index in the environment.
func shardNumber(cfg config, lookup func(string) (string, bool)) (int, error) {
	v, ok := lookup(cfg.indexEnv)
	if !ok || strings.TrimSpace(v) == "" {
		return 0, fmt.Errorf("$%s is not set: not a task of an array job? (see -index-env)", cfg.indexEnv)
	}
	i, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("$%s=%q: not a number", cfg.indexEnv, v)
	}
	k := i + 1 - cfg.indexBase
	if k < 1 || k > cfg.shards {
		return 0, fmt.Errorf("$%s=%d with -index-base=%d gives shard %d, outside 1..%d: the number of tasks and -shards differ",
			cfg.indexEnv, i, cfg.indexBase, k, cfg.shards)
	}
	return k, nil
}

func expand(s string, k, n int) string {
	return strings.NewReplacer("{K}", strconv.Itoa(k), "{N}", strconv.Itoa(n)).Replace(s)
}

// expandAll repeats each argument holding {K} for K = 1..n.
func expandAll(args []string, n int) []string {
	var out []string
	for _, a := range args {
		if !strings.Contains(a, "{K}") {
			out = append(out, expand(a, 0, n))
			continue
		}
		for k := 1; k <= n; k++ {
			out = append(out, expand(a, k, n))
		}
	}
	return out
}

// execute runs argv with this process's standard streams and environment,
// passes termination signals on, and returns its exit status.
func execute(argv []string, stderr io.Writer) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "shardrun: %v\n", err)
		return 2
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				_ = cmd.Process.Signal(s)
			case <-done:
				return
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	if err == nil {
		return 0
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return exit.ExitCode()
	}
	fmt.Fprintf(stderr, "shardrun: %v\n", err)
	return 2
}
