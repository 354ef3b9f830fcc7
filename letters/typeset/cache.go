package typeset

import (
	"hash/maphash"
	"strings"
	"sync"
	"unsafe"

	"github.com/breachnotice/breachnotice/letters/fonts"
)

// A Cache remembers texts set by typesetters (SetCache), so that what many
// documents have in common is set once: a run's letters share most of
// their paragraphs (the same incident, in the same language), and differ
// in the recipient's name, address and ids. It keeps a text only once it
// has been set twice (a text met once, the recipient's own, is set as
// without a cache and forgotten), and keeps at most about the bytes it is
// made with, forgetting the texts used least recently. What it gives back
// is exactly what setting the text again would give: a document's bytes
// do not depend on what was set before it. A Cache is safe for concurrent
// use; what it holds is never changed once set.
type Cache struct {
	seed maphash.Seed
	mu   sync.Mutex
	// seen: hashes of keys met once and not kept (a key whose hash is in
	// its slot was met before and is kept when met again).
	seen [seenSlots]uint64
	// cur and old: the texts kept, the recently used ones in cur. When cur
	// holds half the budget, old is forgotten and cur becomes old; a text
	// found in old moves back to cur.
	cur, old   map[cacheKey]*entry
	curBytes   int
	halfBudget int
}

// seenSlots is the number of keys a Cache remembers having met once.
const seenSlots = 1 << 12

// NewCache returns a cache holding about maxBytes of set text at most.
func NewCache(maxBytes int) *Cache {
	return &Cache{seed: maphash.MakeSeed(), cur: map[cacheKey]*entry{}, halfBudget: maxBytes / 2}
}

// What a cache entry is: lines broken to a width (Lines), a text on one
// line (Line), or the count of a text's characters no face has (Missing).
const (
	kindLines = iota
	kindLine
	kindMissing
)

// cacheKey is what a set text depends on.
type cacheKey struct {
	fonts *fonts.Fonts
	text  string
	size  float64
	width float64 // Lines
	bold  bool
	kind  uint8
}

// entry is a text as set: its lines (Lines, Line) or a count (Missing).
type entry struct {
	lines []Line
	n     int
}

// get returns the entry kept for k, if any, and reports whether k was met
// before (an entry set for it now should be kept).
func (c *Cache) get(k cacheKey) (e *entry, again bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.cur[k]; e != nil {
		return e, true
	}
	if e := c.old[k]; e != nil {
		delete(c.old, k)
		c.keep(k, e)
		return e, true
	}
	h := c.hash(k)
	slot := &c.seen[h%seenSlots]
	if *slot == h {
		return nil, true
	}
	*slot = h
	return nil, false
}

// put keeps e for k.
func (c *Cache) put(k cacheKey, e *entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur[k] == nil {
		c.keep(k, e)
	}
}

// keep puts e in cur, first making cur old if it is full.
func (c *Cache) keep(k cacheKey, e *entry) {
	n := e.bytes() + len(k.text)
	if c.curBytes+n > c.halfBudget && len(c.cur) > 0 {
		c.old, c.cur, c.curBytes = c.cur, map[cacheKey]*entry{}, 0
	}
	c.cur[k] = e
	c.curBytes += n
}

// hash hashes k for the seen slots (never 0, the empty slot).
func (c *Cache) hash(k cacheKey) uint64 {
	return maphash.Comparable(c.seed, k) | 1
}

// bytes estimates the memory e holds, beyond its key's text.
func (e *entry) bytes() int {
	n := int(unsafe.Sizeof(*e)) + 64 // and the maps' share
	for _, ln := range e.lines {
		n += int(unsafe.Sizeof(ln))
		if d := ln.drawn; d != nil {
			n += int(unsafe.Sizeof(*d)) + len(d.adv)*8 + len(d.segs)*int(unsafe.Sizeof(segment{}))
			for _, s := range d.segs {
				n += len(s.str) + len(s.text)
			}
		}
	}
	return n
}

// lookup returns the entry t's cache keeps for k (k's fonts are t's), if
// any, and reports whether an entry set now should be kept (keep).
func (t *Typesetter) lookup(k cacheKey) (e *entry, keep bool) {
	if t.cache == nil {
		return nil, false
	}
	k.fonts = t.fonts
	return t.cache.get(k)
}

// keep puts e in t's cache for k, unless a face could not be measured;
// the lines it keeps (e.lines) are kept as they are drawn, without their
// atoms.
func (t *Typesetter) keep(k cacheKey, e *entry) {
	if t.err != nil {
		return
	}
	lines := make([]Line, len(e.lines)) // a slice nothing can append to
	for i, ln := range e.lines {
		ln.drawn, ln.atoms = t.drawing(ln), nil
		lines[i] = ln
	}
	e.lines = lines
	k.fonts = t.fonts
	// The text may be part of a larger string (a field of a CSV record):
	// the cache keeps, and counts, only the text.
	k.text = strings.Clone(k.text)
	t.cache.put(k, e)
}

// Missing returns the number of text's characters no face has (drawn as
// U+FFFD), spaces and newlines aside.
func (t *Typesetter) Missing(text string, bold bool) int {
	k := cacheKey{text: text, bold: bold, kind: kindMissing}
	e, keep := t.lookup(k)
	if e != nil {
		return e.n
	}
	n := 0
	for _, r := range text {
		if r != ' ' && r != '\n' && t.fonts.FaceFor(r, bold) == nil {
			n++
		}
	}
	if keep {
		t.keep(k, &entry{n: n})
	}
	return n
}
