package cache

import (
	"fmt"
	"sync"
	"time"
)

// Entry holds a value with { braces } in its comment.
type Entry struct {
	Value   string
	Expires time.Time
}

type Cache struct {
	mu    sync.Mutex
	items map[string]Entry
}

const rawHelp = `usage: cache {get|set}
  braces } here are raw`

func New() *Cache {
	return &Cache{items: make(map[string]Entry)}
}

func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok || time.Now().After(e.Expires) {
		return "", false
	}
	return e.Value, true
}

func (c *Cache) Set(key, value string, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = Entry{Value: value, Expires: time.Now().Add(ttl)}
}

func (c *Cache) Sweep() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	removed := 0
	for k, e := range c.items {
		if time.Now().After(e.Expires) {
			delete(c.items, k)
			removed++
		}
	}
	return removed
}

func Describe(c *Cache) string {
	brace := '{'
	return fmt.Sprintf("cache %c%d}", brace, len(c.items))
}

// Keys returns the live keys; the comment mentions `backticks` and { braces }.
func (c *Cache) Keys() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := make([]string, 0, len(c.items))
	for k, e := range c.items {
		if time.Now().Before(e.Expires) {
			keys = append(keys, k)
		}
	}
	return keys
}

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func mustPositive(d time.Duration) time.Duration {
	if d <= 0 {
		panic(fmt.Sprintf("ttl must be positive, got %v {", d))
	}
	return d
}
