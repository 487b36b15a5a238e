package emulator

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Start brings moto up on loopback; Stop takes it down and frees the port.
func TestStartStop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Stop()
	if !strings.HasPrefix(e.Endpoint, "http://127.0.0.1:") {
		t.Fatalf("endpoint %q is not on 127.0.0.1", e.Endpoint)
	}
	resp, err := http.Get(e.Endpoint + "/moto-api/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := e.Reset(); err != nil {
		t.Fatal(err)
	}
	if e.Env()["AWS_ENDPOINT_URL"] != e.Endpoint {
		t.Error("Env does not point AWS_ENDPOINT_URL at the emulator")
	}

	e.Stop()
	e.Stop() // idempotent
	addr := strings.TrimPrefix(e.Endpoint, "http://")
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Fatalf("moto still answers on %s after Stop", addr)
	}
}

func TestMissingMotoIsExplained(t *testing.T) {
	t.Setenv(EnvMotoServer, "")
	t.Setenv("PATH", t.TempDir())
	_, err := Start(context.Background())
	if err == nil || !strings.Contains(err.Error(), "pip install 'moto[server]'") {
		t.Fatalf("error = %v, want it to say how to install moto", err)
	}
}
