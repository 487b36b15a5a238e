// Package emulator starts and stops moto_server, the AWS emulator the acceptance
// tests and `make demo` run against. It only ever binds 127.0.0.1.
package emulator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// EnvMotoServer overrides the moto_server executable looked up on PATH.
const EnvMotoServer = "HARDENED_MOTO_SERVER"

// DefaultAccountID is the account moto answers for with its default credentials.
const DefaultAccountID = "123456789012"

// Emulator is a running moto_server.
type Emulator struct {
	// Endpoint is the base URL, e.g. http://127.0.0.1:41234.
	Endpoint string

	cmd    *exec.Cmd
	done   chan struct{}
	output *syncBuffer
	once   sync.Once
}

// MotoPath finds moto_server, or explains how to install it.
func MotoPath() (string, error) {
	if p := os.Getenv(EnvMotoServer); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvMotoServer, p, err)
		}
		return p, nil
	}
	p, err := exec.LookPath("moto_server")
	if err != nil {
		return "", errors.New("moto_server not found on PATH: install the AWS emulator with " +
			"`python3 -m pip install 'moto[server]'` (Python 3.9+), or point " + EnvMotoServer + " at it")
	}
	return p, nil
}

// Start launches moto_server on a free 127.0.0.1 port and waits until it answers.
// The caller must call Stop.
func Start(ctx context.Context) (*Emulator, error) {
	bin, err := MotoPath()
	if err != nil {
		return nil, err
	}
	// The port is free when chosen; if another process takes it before moto binds,
	// moto exits and the next attempt picks another.
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		e, err := startOn(ctx, bin, port)
		if err == nil {
			return e, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func startOn(ctx context.Context, bin string, port int) (*Emulator, error) {
	out := &syncBuffer{}
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Stdout = out
	cmd.Stderr = out
	// Its own process group, so Stop ends moto and any worker it forks; on Linux
	// it also dies with its parent, so a killed test run leaves no emulator behind.
	cmd.SysProcAttr = procAttr()
	cmd.Env = append(os.Environ(), "PYTHONUNBUFFERED=1")
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	e := &Emulator{
		Endpoint: "http://127.0.0.1:" + strconv.Itoa(port),
		cmd:      cmd,
		done:     make(chan struct{}),
		output:   out,
	}
	go func() { _ = cmd.Wait(); close(e.done) }()

	deadline := time.Now().Add(60 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case <-e.done:
			return nil, fmt.Errorf("moto_server exited before answering on %s; its output:\n%s", e.Endpoint, out.String())
		case <-ctx.Done():
			e.Stop()
			return nil, ctx.Err()
		default:
		}
		if resp, err := client.Get(e.Endpoint + "/moto-api/"); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return e, nil
			}
		}
		if time.Now().After(deadline) {
			e.Stop()
			return nil, fmt.Errorf("moto_server did not answer on %s within 60s; its output:\n%s", e.Endpoint, out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Reset clears every resource in every account and region of the emulator.
func (e *Emulator) Reset() error {
	resp, err := http.Post(e.Endpoint+"/moto-api/reset", "application/json", nil)
	if err != nil {
		return fmt.Errorf("resetting moto: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("resetting moto: HTTP %d", resp.StatusCode)
	}
	return nil
}

// Env is the AWS environment that points an SDK or the provider at the emulator.
// Credentials are moto's conventional dummies; the region is us-east-1.
func (e *Emulator) Env() map[string]string {
	return map[string]string{
		"AWS_ENDPOINT_URL":      e.Endpoint,
		"AWS_REGION":            "us-east-1",
		"AWS_ACCESS_KEY_ID":     "test",
		"AWS_SECRET_ACCESS_KEY": "test",
		"AWS_SESSION_TOKEN":     "",
		"AWS_PROFILE":           "",
		// Keep a developer's own shared config out of the way of the emulator.
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_EC2_METADATA_DISABLED":   "true",
	}
}

// Output is what moto_server has printed so far (for failure messages).
func (e *Emulator) Output() string { return e.output.String() }

// Stop ends moto_server and waits for it to exit.
func (e *Emulator) Stop() {
	e.once.Do(func() {
		if e.cmd.Process == nil {
			return
		}
		_ = syscall.Kill(-e.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-e.done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-e.cmd.Process.Pid, syscall.SIGKILL)
			<-e.done
		}
	})
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port on 127.0.0.1: %w", err)
	}
	defer l.Close()
	addr, ok := l.Addr().(*net.TCPAddr)
	if !ok {
		return 0, fmt.Errorf("unexpected listener address %v", l.Addr())
	}
	return addr.Port, nil
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	// moto logs every request; keep the last 64 KiB for error messages.
	if b.buf.Len() > 64<<10 {
		rest := b.buf.Bytes()[b.buf.Len()-32<<10:]
		b.buf.Reset()
		b.buf.Write(rest)
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
