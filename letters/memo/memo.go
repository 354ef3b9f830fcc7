// Package memo remembers the results of pure functions, for the work that
// is the same for every letter of a run (a language matched, a phone
// number formatted, the dates of an account found): bounded, and safe
// for the workers that render letters at once.
//
// The typesetter's cache of set text (letters/typeset.Cache) is another
// policy, not another memo of this kind: it counts bytes, not keys, and
// keeps a text only from its second setting, so that the readers' own
// lines, set once each, never fill it.
package memo

import "sync"

// Map remembers f(k) for up to Max keys (at least one); a new key past
// Max empties the map and starts it again with that key, so a run's
// memory stays bounded whatever its input, and the keys asked for once
// early (an incident's sentences checked before the letters, junk in the
// first rows) do not keep out those asked for again and again. f must be
// a pure function of k: what Get returns is what f returns, remembered or
// not. Values are shared between callers,
// who must not change them. The zero Map remembers one key; Map must not
// be copied after first use.
type Map[K comparable, V any] struct {
	Max int
	mu  sync.RWMutex
	m   map[K]V
}

// Get returns f(k), remembered.
func (c *Map[K, V]) Get(k K, f func(K) V) V {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = f(k)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[K]V{}
	}
	if len(c.m) >= max(c.Max, 1) {
		clear(c.m)
	}
	c.m[k] = v
	return v
}

// Len returns the number of keys remembered.
func (c *Map[K, V]) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}
