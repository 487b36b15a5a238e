package clock

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestFakeSleepAdvances(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f := NewFake(start)
	if err := f.Sleep(context.Background(), 90*time.Second); err != nil {
		t.Fatal(err)
	}
	if got := f.Now().Sub(start); got != 90*time.Second {
		t.Fatalf("after Sleep(90s) the fake clock moved %s", got)
	}
	f.Advance(time.Hour)
	if got := f.Now().Sub(start); got != time.Hour+90*time.Second {
		t.Fatalf("after Advance(1h) the fake clock moved %s", got)
	}
}

func TestSleepHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, c := range map[string]Clock{"real": Real(), "fake": NewFake(time.Unix(0, 0))} {
		if err := c.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: Sleep on a cancelled context returned %v, want context.Canceled", name, err)
		}
	}
}

func TestRealSleepWaits(t *testing.T) {
	c := Real()
	start := c.Now()
	if err := c.Sleep(context.Background(), 20*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if c.Now().Sub(start) < 20*time.Millisecond {
		t.Fatal("Real().Sleep returned before the duration passed")
	}
}
