//go:build !linux

package outbox

// syncLetters makes the letters of d durable where there is no syncfs(2):
// an fsync of each (sweep).
var syncLetters = sweep
