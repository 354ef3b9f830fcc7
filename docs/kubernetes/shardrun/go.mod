module github.com/breachnotice/breachnotice/docs/kubernetes/shardrun

go 1.26.0
