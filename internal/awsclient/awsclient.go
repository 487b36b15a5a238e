// Package awsclient turns the provider's configuration (named like the hashicorp/aws
// provider's) and the standard AWS environment into AWS SDK clients. The same code
// talks to real AWS or to an emulator: only the endpoints differ.
package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"
	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// DefaultMaxRetries matches the hashicorp/aws provider's default.
const DefaultMaxRetries = 25

// AssumeRole is the provider's assume_role block.
type AssumeRole struct {
	RoleARN     string
	SessionName string
	ExternalID  string
	Duration    time.Duration
}

// Config is the provider configuration after it has been read from HCL. Empty
// fields fall back to the standard AWS environment and shared config files.
type Config struct {
	Region                 string
	Profile                string
	AccessKey              string
	SecretKey              string
	Token                  string
	SharedConfigFiles      []string
	SharedCredentialsFiles []string
	AssumeRole             *AssumeRole
	AllowedAccountIDs      []string
	ForbiddenAccountIDs    []string
	// Endpoints maps a Services key to a URL that overrides every other source.
	Endpoints                 map[string]string
	S3UsePathStyle            bool
	SkipCredentialsValidation bool
	// MaxRetries is the number of retries after the first attempt; negative means the default.
	MaxRetries int
}

// Client holds the resolved AWS configuration and builds service clients from it.
type Client struct {
	cfg aws.Config
	// overrides are the endpoints block's URLs, set on each service client. Other
	// sources (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, shared config) are
	// resolved by the SDK itself, with its own precedence.
	overrides map[string]string
	// effective is every service's endpoint as the SDK will use it ("" for AWS's own).
	effective   map[string]string
	s3PathStyle bool
	credSource  string
	// secrets are masked in request logs, wherever they appear.
	secrets []string

	identityOnce sync.Once
	accountID    string
	partition    string
	identityErr  error
}

// New resolves credentials, region and endpoints. Unless SkipCredentialsValidation is
// set, it calls STS GetCallerIdentity so that a bad credential fails here, once,
// with a clear message, rather than in every resource. When AllowedAccountIDs or
// ForbiddenAccountIDs are set the account is always checked.
func New(ctx context.Context, c Config) (*Client, error) {
	if c.AccessKey != "" && c.SecretKey == "" || c.AccessKey == "" && c.SecretKey != "" {
		return nil, errors.New("access_key and secret_key must be set together: set both, or neither to use the " +
			"credentials chain (environment, shared files, SSO, instance role)")
	}

	if err := checkEndpoints(c.Endpoints, os.Getenv); err != nil {
		return nil, err
	}

	maxRetries := c.MaxRetries
	if maxRetries < 0 {
		maxRetries = DefaultMaxRetries
	}
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(maxRetries) }),
		config.WithHTTPClient(awshttp.NewBuildableClient().WithDialerOptions(func(d *net.Dialer) {
			d.Timeout = dialTimeout
		})),
		config.WithAppID("terraform-provider-hardened"),
	}
	if c.Region != "" {
		opts = append(opts, config.WithRegion(c.Region))
	}
	if c.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.Profile))
	}
	if len(c.SharedConfigFiles) > 0 {
		opts = append(opts, config.WithSharedConfigFiles(c.SharedConfigFiles))
	}
	if len(c.SharedCredentialsFiles) > 0 {
		opts = append(opts, config.WithSharedCredentialsFiles(c.SharedCredentialsFiles))
	}
	if c.AccessKey != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(c.AccessKey, c.SecretKey, c.Token)))
	}

	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w. Check profile, shared_config_files and "+
			"shared_credentials_files (and AWS_PROFILE / AWS_CONFIG_FILE)", redact(err, c))
	}
	if cfg.Region == "" {
		return nil, errors.New("no AWS region: set region in the provider block, or AWS_REGION, or a region " +
			"in the shared config profile")
	}
	effective := effectiveEndpoints(c.Endpoints, aws.ToString(cfg.BaseEndpoint), os.Getenv)
	cl := &Client{
		cfg:         cfg,
		overrides:   c.Endpoints,
		effective:   effective,
		s3PathStyle: c.S3UsePathStyle || isLoopback(effective["s3"]),
		secrets:     []string{c.SecretKey, c.Token},
	}
	// Every service client logs its requests and bounds connection failures.
	cl.cfg.APIOptions = append(cl.cfg.APIOptions, cl.instrument)

	// The base credentials first, so that an error (and every later one) can say
	// where they came from. The cache keeps them for the assume_role provider.
	base, err := cl.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("no usable AWS credentials: %w. Set access_key and secret_key, a profile, "+
			"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE", redact(err, c))
	}
	cl.credSource = describeCredentialSource(c, base.Source, os.Getenv)
	cl.secrets = append(cl.secrets, base.SecretAccessKey, base.SessionToken)

	if c.AssumeRole != nil && c.AssumeRole.RoleARN != "" {
		ar := *c.AssumeRole
		if _, err := arn.Parse(ar.RoleARN); err != nil {
			return nil, fmt.Errorf("assume_role.role_arn %q is not an ARN: use the form arn:aws:iam::123456789012:role/NAME", ar.RoleARN)
		}
		stsClient := cl.STS()
		provider := stscreds.NewAssumeRoleProvider(stsClient, ar.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = ar.SessionName
			if o.RoleSessionName == "" {
				o.RoleSessionName = "terraform-provider-hardened"
			}
			if ar.ExternalID != "" {
				o.ExternalID = aws.String(ar.ExternalID)
			}
			if ar.Duration > 0 {
				o.Duration = ar.Duration
			}
		})
		cl.cfg.Credentials = aws.NewCredentialsCache(provider)
		if _, err := cl.cfg.Credentials.Retrieve(ctx); err != nil {
			var endpointErr *EndpointError
			if errors.As(err, &endpointErr) {
				during := *endpointErr
				during.During = fmt.Sprintf("assuming the role %s (assume_role) with the base credentials from %s",
					ar.RoleARN, cl.credSource)
				return nil, &during
			}
			return nil, fmt.Errorf("assume_role %s with the base credentials (%s) failed: %w. %s", ar.RoleARN,
				cl.credSource, redact(err, c), credentialHint(err, "Check that the base credentials may call "+
					"sts:AssumeRole on the role and that the role trusts them (external_id, session duration)"))
		}
		cl.credSource = "assume_role " + ar.RoleARN + " with the base credentials (" + cl.credSource + ")"
	}

	if !c.SkipCredentialsValidation || len(c.AllowedAccountIDs) > 0 || len(c.ForbiddenAccountIDs) > 0 {
		account, err := cl.AccountID(ctx)
		if err != nil {
			return nil, err
		}
		if len(c.AllowedAccountIDs) > 0 && !slices.Contains(c.AllowedAccountIDs, account) {
			return nil, fmt.Errorf("AWS account %s is not in allowed_account_ids (%s): the provider refuses to "+
				"manage it. Check the credentials (%s) or the profile and assume_role settings",
				account, strings.Join(c.AllowedAccountIDs, ", "), cl.credSource)
		}
		if slices.Contains(c.ForbiddenAccountIDs, account) {
			return nil, fmt.Errorf("AWS account %s is listed in forbidden_account_ids: the provider refuses to "+
				"manage it. Check the credentials (%s) or the profile and assume_role settings", account, cl.credSource)
		}
	}
	return cl, nil
}

// Region is the resolved AWS region.
func (c *Client) Region() string { return c.cfg.Region }

// CredentialSource names where the credentials came from (never the credentials).
func (c *Client) CredentialSource() string { return c.credSource }

// Endpoint returns the endpoint a service's client uses, or "" for AWS's own.
func (c *Client) Endpoint(key string) string { return c.effective[key] }

// S3UsePathStyle reports whether S3 requests use path-style addressing.
func (c *Client) S3UsePathStyle() bool { return c.s3PathStyle }

// AccountID calls STS GetCallerIdentity once and returns the account it names.
func (c *Client) AccountID(ctx context.Context) (string, error) {
	c.identityOnce.Do(func() {
		out, err := c.STS().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		var endpointErr *EndpointError
		switch {
		case errors.As(err, &endpointErr):
			// Not a credentials problem: say what happened to the connection first.
			during := *endpointErr
			during.During = fmt.Sprintf("checking the credentials from %s with STS GetCallerIdentity "+
				"(skip_credentials_validation skips this check)", c.credSource)
			c.identityErr = &during
			return
		case err != nil:
			c.identityErr = fmt.Errorf("validating the AWS credentials from %s with STS GetCallerIdentity "+
				"failed: %w. %s", c.credSource, err, credentialHint(err, "Check the credentials and the sts endpoint"+
				endpointHint(c.effective["sts"])+", or set skip_credentials_validation for endpoints without STS"))
			return
		}
		c.accountID = aws.ToString(out.Account)
		c.partition = "aws"
		if a, err := arn.Parse(aws.ToString(out.Arn)); err == nil {
			c.partition = a.Partition
		}
	})
	return c.accountID, c.identityErr
}

// Partition is the ARN partition of the caller ("aws" until AccountID has been called).
func (c *Client) Partition() string {
	if c.partition == "" {
		return "aws"
	}
	return c.partition
}

// checkEndpoints rejects unknown services in the endpoints block and values, there
// or in the AWS_ENDPOINT_URL variables, that are not URLs.
func checkEndpoints(block map[string]string, getenv func(string) string) error {
	known := map[string]bool{}
	for _, s := range Services {
		known[s.Key] = true
		if v := block[s.Key]; v != "" {
			if err := checkURL("endpoints."+s.Key, v); err != nil {
				return err
			}
		}
		if v := getenv("AWS_ENDPOINT_URL_" + s.EnvSuffix); v != "" {
			if err := checkURL("AWS_ENDPOINT_URL_"+s.EnvSuffix, v); err != nil {
				return err
			}
		}
	}
	for k := range block {
		if !known[k] {
			return fmt.Errorf("endpoints: unknown service %q", k)
		}
	}
	if v := getenv("AWS_ENDPOINT_URL"); v != "" {
		return checkURL("AWS_ENDPOINT_URL", v)
	}
	return nil
}

// effectiveEndpoints applies the precedence the clients see: the provider block,
// then AWS_ENDPOINT_URL_<SERVICE>, then the generic endpoint (AWS_ENDPOINT_URL or
// the shared config's endpoint_url, already resolved by the SDK into base).
func effectiveEndpoints(block map[string]string, base string, getenv func(string) string) map[string]string {
	ignoreEnv := strings.EqualFold(getenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true")
	out := make(map[string]string, len(Services))
	for _, s := range Services {
		switch {
		case block[s.Key] != "":
			out[s.Key] = block[s.Key]
		case !ignoreEnv && getenv("AWS_ENDPOINT_URL_"+s.EnvSuffix) != "":
			out[s.Key] = getenv("AWS_ENDPOINT_URL_" + s.EnvSuffix)
		default:
			out[s.Key] = base
		}
	}
	return out
}

func checkURL(where, v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s = %q is not an endpoint URL: use a full URL such as https://iam.amazonaws.com "+
			"or http://127.0.0.1:5000", where, v)
	}
	return nil
}

// isLoopback reports whether an endpoint URL points at this machine (an emulator),
// where virtual-hosted-style S3 bucket addresses cannot resolve.
func isLoopback(endpoint string) bool {
	if endpoint == "" {
		return false
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func endpointHint(e string) string {
	if e == "" {
		return ""
	}
	return " (" + e + ")"
}

// describeCredentialSource names where the SDK found the credentials, in the
// provider's terms (never the credentials themselves).
func describeCredentialSource(c Config, source string, getenv func(string) string) string {
	profile := c.Profile
	if profile == "" {
		profile = getenv("AWS_PROFILE")
	}
	if profile == "" {
		profile = "default"
	}
	switch {
	case c.AccessKey != "":
		return "static credentials in the provider configuration (access_key, secret_key)"
	case source == config.CredentialsSourceName:
		return "the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"
	case strings.HasPrefix(source, "SharedConfigCredentials"):
		file := strings.TrimSpace(strings.TrimPrefix(source, "SharedConfigCredentials:"))
		return fmt.Sprintf("shared profile %q (%s)", profile, file)
	case source == ssocreds.ProviderName:
		return fmt.Sprintf("IAM Identity Center (SSO) login of shared profile %q", profile)
	case source == processcreds.ProviderName:
		return fmt.Sprintf("credential_process of shared profile %q", profile)
	case source == stscreds.ProviderName:
		return fmt.Sprintf("role_arn of shared profile %q", profile)
	case source == stscreds.WebIdentityProviderName:
		return "web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)"
	case source == ec2rolecreds.ProviderName:
		return "the EC2 instance profile (IMDS)"
	case source == endpointcreds.ProviderName:
		return "the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_*)"
	case source == "":
		return "an unnamed credentials provider"
	}
	return "credentials provider " + source
}

// credentialHint explains an AWS error that rejects the credentials themselves,
// or returns otherwise.
func credentialHint(err error, otherwise string) string {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return otherwise
	}
	switch apiErr.ErrorCode() {
	case "ExpiredToken", "ExpiredTokenException", "RequestExpired":
		return "The credentials have expired: refresh them (aws sso login, a new session token) and run Terraform again."
	case "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException",
		"AuthFailure", "IncompleteSignature":
		return "AWS does not accept these credentials: the access key is unknown or the secret key does not match it. " +
			"Check which credentials are in use (the source above) and replace them."
	}
	return otherwise
}

// redact removes configured secrets from an error text, in case a lower layer quoted them.
func redact(err error, c Config) error {
	msg := err.Error()
	changed := false
	for _, s := range []string{c.SecretKey, c.Token} {
		if len(s) >= 4 && strings.Contains(msg, s) {
			msg = strings.ReplaceAll(msg, s, "<redacted>")
			changed = true
		}
	}
	if !changed {
		return err
	}
	return errors.New(msg)
}
