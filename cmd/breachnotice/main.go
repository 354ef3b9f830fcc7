// Command breachnotice writes data-breach notification letters from a
// spreadsheet of affected customers, under cited jurisdiction rules, and
// shows the deadlines and audits the result. Run "breachnotice help".
package main

import "os"

func main() { os.Exit(cli(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
