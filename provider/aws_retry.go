package provider

// Retries every resource shares: waiting out AWS's eventual consistency, and
// non-idempotent creates whose response may be lost. Time is read and waited
// through the provider's clock, so tests run them on a fake clock.

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"

	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

// pacing is how long and how often a resource retries while AWS catches up with a
// change it just made (a new role, a key or bucket policy not visible yet).
type pacing struct {
	// Timeout bounds the retries.
	Timeout time.Duration
	// Delay is the first wait between attempts; it doubles up to MaxDelay.
	Delay, MaxDelay time.Duration
}

// retryWhile calls f until it succeeds, fails with an error retryable does not
// accept, or the next wait would pass the deadline; it returns f's last error.
func retryWhile(ctx context.Context, clk clock.Clock, p pacing, retryable func(error) bool, f func() error) error {
	deadline := clk.Now().Add(p.Timeout)
	delay := p.Delay
	for {
		err := f()
		if err == nil || !retryable(err) || clk.Now().Add(delay).After(deadline) {
			return err
		}
		if serr := clk.Sleep(ctx, delay); serr != nil {
			return errors.Join(err, serr)
		}
		delay = min(2*delay, p.MaxDelay)
	}
}

// createOnce runs a create that AWS does not make idempotent (kms:CreateKey, say):
// when the SDK retries a call whose answer was lost, the first attempt's resource
// is left behind, unmanaged. So call must make a single HTTP attempt; the retries
// are this loop's, paced by the client's retryer and waited on clk. After an
// attempt that got no answer, adopt looks for what that attempt may have made
// (true: found, stop).
func createOnce(ctx context.Context, clk clock.Clock, retryer aws.Retryer, call func() error, adopt func() bool) error {
	for attempt := 1; ; attempt++ {
		err := call()
		if err == nil {
			return nil
		}
		if gotNoAnswer(err) && adopt() {
			return nil
		}
		if retryer == nil || !retryer.IsErrorRetryable(err) {
			return err
		}
		if attempt >= retryer.MaxAttempts() {
			return attemptsExhausted(err, attempt)
		}
		delay, delayErr := retryer.RetryDelay(attempt, err)
		if delayErr != nil {
			return err
		}
		if err := clk.Sleep(ctx, delay); err != nil {
			return err
		}
	}
}

// attemptsExhausted rewrites a single-attempt call's "exceeded maximum number of
// attempts, 1" into the count a createOnce loop made, as the SDK's own retries
// report it.
func attemptsExhausted(err error, attempts int) error {
	var op *smithy.OperationError
	var exhausted *retry.MaxAttemptsError
	if errors.As(err, &op) && errors.As(err, &exhausted) {
		return &smithy.OperationError{ServiceID: op.ServiceID, OperationName: op.OperationName,
			Err: &retry.MaxAttemptsError{Attempt: attempts, Err: exhausted.Err}}
	}
	return err
}
